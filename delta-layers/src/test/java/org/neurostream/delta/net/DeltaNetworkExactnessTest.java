package org.neurostream.delta.net;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.net.RandomNetworks.Family;

/**
 * The delta network against the dense reference on random networks (MLP, CNN with stride/padding/pooling, MLP+GRU)
 * and random input sequences with varying temporal sparsity.
 */
class DeltaNetworkExactnessTest {

  /** Relative tolerance of the issue: 1e-4 of the output's magnitude (max |dense|), float32 arithmetic. */
  private static final double RELATIVE = 1e-4;
  /**
   * Absolute floor per step, as in numpy's allclose: outputs that cancel to ~1e-3 still carry float32 rounding of
   * their O(1) terms (a few ulp of 1 ≈ 1e-7). The delta network's state is a running sum of float32 increments, one
   * rounding per step, where the dense network recomputes from scratch, so the floor at step t is (t + 1) times this
   * (seen: a CNN whose outputs cancel to 0.013 was 4.7e-6 off at step 15, seed -5078220017470887294).
   */
  private static final double ABSOLUTE = 1e-6;

  @Property(tries = 150)
  void zeroThresholdMatchesDenseAtEveryStep(@ForAll Family family, @ForAll long seed,
                                            @ForAll @IntRange(min = 1, max = 40) int steps,
                                            @ForAll @DoubleRange(min = 0.0, max = 1.0) double keep,
                                            @ForAll boolean sparseWeights) {
    NetworkSpec spec = RandomNetworks.network(family, seed, 0f, sparseWeights);
    float[][] inputs = RandomNetworks.sequence(seed ^ 0x5DEECE66DL, steps, spec.inputShape().size(), keep);
    DenseNetwork dense = new DenseNetwork(spec);
    try (DeltaNetwork delta = new DeltaNetwork(spec, new JavaKernelBackend())) {
      for (int t = 0; t < steps; t++) {
        float[] expected = dense.step(inputs[t]);
        float[] actual = delta.step(inputs[t]);
        assertThat(RandomNetworks.maxAbsDiff(actual, expected))
            .as("step %d of %s", t, family)
            .isLessThanOrEqualTo(RELATIVE * RandomNetworks.maxAbs(expected) + ABSOLUTE * (t + 1));
      }
    }
  }

  @Property(tries = 100)
  void positiveThresholdErrorStaysWithinDerivedBound(@ForAll("feedForward") Family family, @ForAll long seed,
                                                     @ForAll @IntRange(min = 1, max = 60) int steps,
                                                     @ForAll @DoubleRange(min = 0.0, max = 1.0) double keep,
                                                     @ForAll @DoubleRange(min = 0.001, max = 0.5) @net.jqwik.api.constraints.Scale(4) double threshold) {
    NetworkSpec spec = RandomNetworks.network(family, seed, (float) threshold, false);
    double bound = ThresholdErrorBound.maxAbsError(spec);
    float[][] inputs = RandomNetworks.sequence(seed + 17, steps, spec.inputShape().size(), keep);
    DenseNetwork dense = new DenseNetwork(spec);
    try (DeltaNetwork delta = new DeltaNetwork(spec, new JavaKernelBackend())) {
      for (int t = 0; t < steps; t++) {
        float[] expected = dense.step(inputs[t]);
        float[] actual = delta.step(inputs[t]);
        double rounding = RELATIVE * RandomNetworks.maxAbs(expected) + ABSOLUTE;
        assertThat(RandomNetworks.maxAbsDiff(actual, expected)).as("step %d", t)
            .isLessThanOrEqualTo(bound + rounding);
      }
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Family> feedForward() {
    return net.jqwik.api.Arbitraries.of(Family.MLP, Family.CNN);
  }
}
