package org.neurostream.bench.delta;

import org.neurostream.delta.net.DenseNetwork;
import org.neurostream.delta.net.NetworkSpec;

/**
 * Verifies that {@link Nd4jCnnBaseline} computes the same network as the library's dense reference (so the benchmark
 * compares equal work); exits with status 1 and the largest difference otherwise.
 */
public final class Nd4jCnnBaselineCheck {

  private Nd4jCnnBaselineCheck() {
  }

  public static void main(String[] args) {
    NetworkSpec spec = DeltaBenchNetworks.smallCnn();
    Nd4jCnnBaseline nd4j = new Nd4jCnnBaseline(spec);
    DenseNetwork reference = new DenseNetwork(spec);
    ChangingInput input = new ChangingInput(spec.inputShape().size(), 0.9, true, 5);
    double worst = 0;
    double scale = 0;
    for (int t = 0; t < 20; t++) {
      float[] x = input.advance();
      float[] a = nd4j.step(x);
      float[] b = reference.step(x);
      for (int j = 0; j < b.length; j++) {
        worst = Math.max(worst, Math.abs(a[j] - b[j]));
        scale = Math.max(scale, Math.abs(b[j]));
      }
    }
    System.out.printf("ND4J ops vs dense reference: max |diff| %.3g, max |output| %.3g%n", worst, scale);
    if (worst > 1e-4 * scale + 1e-5) {
      System.exit(1);
    }
  }
}
