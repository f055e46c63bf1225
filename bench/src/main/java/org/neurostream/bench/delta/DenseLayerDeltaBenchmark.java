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
 * One step of a 1024×1024 dense layer whose input changes in {@code 100 − sparsityPercent} % of its elements per step:
 * delta inference (Java, Aparapi/OpenCL) against dense recomputation (plain Java, ND4J/OpenBLAS), all in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DenseLayerDeltaBenchmark {

  @Param({"0", "50", "80", "90", "95", "99"})
  public int sparsityPercent;

  @Param({"JAVA_DELTA", "JAVA_DENSE", "ND4J_DENSE", "APARAPI_DELTA"})
  public Engine engine;

  private DeltaNetwork net;
  private ChangingInput input;

  @Setup(Level.Trial)
  public void setUp() {
    net = DeltaBenchNetworks.open(DeltaBenchNetworks.denseLayer(), engine);
    input = new ChangingInput(1024, sparsityPercent / 100.0, false, 3);
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
