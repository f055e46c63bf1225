package org.neurostream.delta.kernel;

import static org.neurostream.delta.kernel.KernelBackendsTest.assertClose;
import static org.neurostream.delta.kernel.KernelBackendsTest.naiveScatter;
import static org.neurostream.delta.kernel.KernelBackendsTest.random;
import static org.neurostream.delta.kernel.KernelBackendsTest.randomBatch;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurostream.delta.net.DeltaNetwork;
import org.neurostream.delta.net.DenseNetwork;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.delta.net.RandomNetworks;

/** The ND4J dense baseline computes the same sums (the only test class that loads ND4J's native library). */
class Nd4jKernelBackendTest {

  private final Nd4jKernelBackend backend = new Nd4jKernelBackend();

  @Test
  void scatterAsSelectionTimesWeightsMatchesNaiveLoop() {
    Random r = new Random(9);
    WeightRows w = WeightRows.of(random(r, 18 * 4), 18, 4);
    RowBatch b = randomBatch(r, 40, 18, 25, 4);
    float[] acc = random(r, 25 * 4);
    float[] expected = naiveScatter(w, b, acc);
    backend.prepare(w, acc.length, 40).scatter(b, acc);
    assertClose(acc, expected);
  }

  @Test
  void everyNetworkFamilyOnNd4jMatchesDenseReference() {
    for (RandomNetworks.Family family : RandomNetworks.Family.values()) {
      NetworkSpec spec = RandomNetworks.network(family, 77, 0f, true);
      float[][] inputs = RandomNetworks.sequence(78, 6, spec.inputShape().size(), 0.5);
      DenseNetwork dense = new DenseNetwork(spec);
      try (DeltaNetwork delta = new DeltaNetwork(spec, backend)) {
        for (float[] x : inputs) {
          float[] expected = dense.step(x);
          assertClose(delta.step(x), expected);
        }
      }
    }
  }
}
