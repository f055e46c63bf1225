package org.neurostream.bench.delta;

import java.util.concurrent.TimeUnit;
import org.neurostream.bench.delta.DeltaBenchNetworks.Engine;
import org.neurostream.delta.net.DeltaNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One end-to-end step of the small CNN ({@link DeltaBenchNetworks#smallCnn()}) on 32×32×2 frames in which a contiguous
 * region of {@code 100 − sparsityPercent} % of the input changes per step:
 * delta inference (Java, Aparapi/OpenCL) against dense recomputation (plain Java, ND4J/OpenBLAS), all in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CnnDeltaBenchmark {

  @Param({"0", "50", "80", "90", "95", "99"})
  public int sparsityPercent;

  @Param({"JAVA_DELTA", "JAVA_DENSE", "ND4J_DENSE", "APARAPI_DELTA"})
  public Engine engine;

  private DeltaNetwork net;
  private ChangingInput input;

  @Setup(Level.Trial)
  public void setUp() {
    net = DeltaBenchNetworks.open(DeltaBenchNetworks.smallCnn(), engine);
    input = new ChangingInput(32 * 32 * 2, sparsityPercent / 100.0, true, 3);
    net.step(input.advance());
  }

  @Benchmark
  public float step() {
    return net.step(input.advance())[0];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    net.close();
  }
}
