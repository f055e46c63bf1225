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
 * delta inference (Java, Aparapi/OpenCL) against dense recomputation (plain Java, ND4J/OpenBLAS GEMM, ND4J conv ops),
 * all in one run.
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

  /** Engine names of {@link Engine} plus {@code ND4J_OPS}: ND4J's own conv2d/pooling ops ({@link Nd4jCnnBaseline}). */
  @Param({"JAVA_DELTA", "JAVA_DENSE", "ND4J_DENSE", "ND4J_OPS", "APARAPI_DELTA"})
  public String engine;

  private DeltaNetwork net;
  private Nd4jCnnBaseline nd4jOps;
  private ChangingInput input;

  @Setup(Level.Trial)
  public void setUp() {
    if (engine.equals("ND4J_OPS")) {
      nd4jOps = new Nd4jCnnBaseline(DeltaBenchNetworks.smallCnn());
    } else {
      net = DeltaBenchNetworks.open(DeltaBenchNetworks.smallCnn(), Engine.valueOf(engine));
    }
    input = new ChangingInput(32 * 32 * 2, sparsityPercent / 100.0, true, 3);
    step();
  }

  @Benchmark
  public float step() {
    float[] x = input.advance();
    return nd4jOps != null ? nd4jOps.step(x)[0] : net.step(x)[0];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (net != null) {
      net.close();
    }
  }
}
