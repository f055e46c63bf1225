package org.neurostream.delta.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.net.RandomNetworks.Family;

class DeltaNetworkTest {

  private final JavaKernelBackend java = new JavaKernelBackend();

  @Test
  void resumedFromSerializedStateContinuesBitForBit() throws IOException {
    NetworkSpec spec = RandomNetworks.network(Family.GRU, 7, 0.05f, false);
    float[][] inputs = RandomNetworks.sequence(8, 30, spec.inputShape().size(), 0.7);
    float[][] uninterrupted = new float[30][];
    try (DeltaNetwork net = new DeltaNetwork(spec, java)) {
      for (int t = 0; t < 30; t++) {
        uninterrupted[t] = net.step(inputs[t]).clone();
      }
    }
    byte[] checkpoint;
    try (DeltaNetwork first = new DeltaNetwork(spec, java)) {
      for (int t = 0; t < 12; t++) {
        first.step(inputs[t]);
      }
      checkpoint = first.snapshot().toBytes();
    }
    try (DeltaNetwork resumed = new DeltaNetwork(spec, java)) {
      resumed.restore(DeltaState.fromBytes(checkpoint));
      assertThat(resumed.steps()).isEqualTo(12);
      for (int t = 12; t < 30; t++) {
        assertThat(resumed.step(inputs[t])).as("step %d", t).containsExactly(uninterrupted[t]);
      }
    }
  }

  @Test
  void resetForgetsEverySeenStep() {
    NetworkSpec spec = RandomNetworks.network(Family.CNN, 3, 0.1f, false);
    float[][] inputs = RandomNetworks.sequence(4, 10, spec.inputShape().size(), 0.5);
    try (DeltaNetwork used = new DeltaNetwork(spec, java); DeltaNetwork fresh = new DeltaNetwork(spec, java)) {
      for (float[] x : inputs) {
        used.step(x);
      }
      used.reset();
      assertThat(used.steps()).isZero();
      for (float[] x : inputs) {
        assertThat(used.step(x)).containsExactly(fresh.step(x));
      }
    }
  }

  @Test
  void restoringStateOfAnotherArchitectureNamesTheLayer() {
    NetworkSpec cnn = RandomNetworks.network(Family.CNN, 3, 0f, false);
    NetworkSpec mlp = RandomNetworks.network(Family.MLP, 3, 0f, false);
    try (DeltaNetwork a = new DeltaNetwork(cnn, java); DeltaNetwork b = new DeltaNetwork(mlp, java)) {
      DeltaState state = a.snapshot();
      assertThatThrownBy(() -> b.restore(state)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layer");
    }
  }

  @Test
  void unknownStateVersionIsRejectedWithSupportedRange() {
    NetworkSpec spec = RandomNetworks.network(Family.MLP, 1, 0f, false);
    try (DeltaNetwork net = new DeltaNetwork(spec, java)) {
      byte[] bytes = net.snapshot().toBytes();
      ByteBuffer.wrap(bytes).putInt(4, 99);
      assertThatThrownBy(() -> DeltaState.fromBytes(bytes)).isInstanceOf(IOException.class)
          .hasMessageContaining("Unknown delta state version 99").hasMessageContaining("supported versions: 1");
    }
  }

  @Test
  void truncatedAndTrailingStateBytesAreRejected() {
    NetworkSpec spec = RandomNetworks.network(Family.MLP, 1, 0f, false);
    try (DeltaNetwork net = new DeltaNetwork(spec, java)) {
      byte[] bytes = net.snapshot().toBytes();
      assertThatThrownBy(() -> DeltaState.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
          .isInstanceOf(IOException.class).hasMessageContaining("truncated");
      assertThatThrownBy(() -> DeltaState.fromBytes(Arrays.copyOf(bytes, bytes.length + 2)))
          .isInstanceOf(IOException.class).hasMessageContaining("trailing bytes");
      byte[] notState = "hello world, not a state".getBytes();
      assertThatThrownBy(() -> DeltaState.fromBytes(notState)).isInstanceOf(IOException.class)
          .hasMessageContaining("magic");
    }
  }

  @Test
  void thresholdErrorIsMeasurableAndBelowTheDerivedBound() {
    NetworkSpec spec = RandomNetworks.network(Family.CNN, 11, 0.2f, false);
    double bound = ThresholdErrorBound.maxAbsError(spec);
    float[][] inputs = RandomNetworks.sequence(12, 200, spec.inputShape().size(), 0.9);
    DenseNetwork dense = new DenseNetwork(spec);
    double worst = 0;
    try (DeltaNetwork delta = new DeltaNetwork(spec, java)) {
      for (float[] x : inputs) {
        worst = Math.max(worst, RandomNetworks.maxAbsDiff(delta.step(x), dense.step(x)));
      }
    }
    assertThat(worst).isGreaterThan(0.0).isLessThanOrEqualTo(bound);
  }

  @Test
  void gruThresholdErrorDoesNotGrowOverALongStream() {
    NetworkSpec spec = RandomNetworks.network(Family.GRU, 21, 0.05f, false);
    float[][] inputs = RandomNetworks.sequence(22, 2000, spec.inputShape().size(), 0.95);
    DenseNetwork dense = new DenseNetwork(spec);
    double firstHalf = 0;
    double secondHalf = 0;
    try (DeltaNetwork delta = new DeltaNetwork(spec, java)) {
      for (int t = 0; t < inputs.length; t++) {
        double e = RandomNetworks.maxAbsDiff(delta.step(inputs[t]), dense.step(inputs[t]));
        if (t < inputs.length / 2) {
          firstHalf = Math.max(firstHalf, e);
        } else {
          secondHalf = Math.max(secondHalf, e);
        }
      }
    }
    assertThat(firstHalf).isGreaterThan(0.0);
    assertThat(secondHalf).isLessThanOrEqualTo(2 * firstHalf);
  }

  @Test
  void alwaysDensePolicyMatchesDenseReferenceAndCountsDenseMacs() {
    for (Family family : Family.values()) {
      NetworkSpec spec = RandomNetworks.network(family, 13, 0f, true);
      float[][] inputs = RandomNetworks.sequence(14, 10, spec.inputShape().size(), 0.9);
      DenseNetwork dense = new DenseNetwork(spec);
      try (DeltaNetwork net = new DeltaNetwork(spec, java, ComputePolicy.ALWAYS_DENSE)) {
        for (float[] x : inputs) {
          float[] expected = dense.step(x);
          assertThat(RandomNetworks.maxAbsDiff(net.step(x), expected))
              .isLessThanOrEqualTo(1e-4 * RandomNetworks.maxAbs(expected) + 1e-6);
          assertThat(net.lastStepMetrics().effectiveMacs()).isEqualTo(net.lastStepMetrics().denseMacs());
        }
      }
    }
  }

  @Test
  void inputOfWrongSizeNamesBothSizes() {
    NetworkSpec spec = RandomNetworks.network(Family.MLP, 1, 0f, false);
    try (DeltaNetwork net = new DeltaNetwork(spec, java)) {
      assertThatThrownBy(() -> net.step(new float[spec.inputShape().size() + 1]))
          .hasMessageContaining(String.valueOf(spec.inputShape().size() + 1))
          .hasMessageContaining(String.valueOf(spec.inputShape().size()));
    }
  }
}
