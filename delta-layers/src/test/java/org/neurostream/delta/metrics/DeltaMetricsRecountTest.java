package org.neurostream.delta.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.net.DeltaNetwork;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.delta.net.RandomNetworks;
import org.neurostream.delta.net.RandomNetworks.Family;

/**
 * Recounts every per-layer metric from the layer outputs of each step with brute-force loops written here
 * (gather-form connection counting for convolutions, element-by-element comparison of consecutive inputs) and checks
 * the delta network's own accounting against it. Threshold 0, so a value is sent exactly when it changed.
 */
class DeltaMetricsRecountTest {

  @Test
  void mlpMetricsMatchRecount() {
    recount(RandomNetworks.network(Family.MLP, 5, 0f, true), 40);
  }

  @Test
  void cnnMetricsMatchRecount() {
    for (long seed = 1; seed <= 5; seed++) {
      recount(RandomNetworks.network(Family.CNN, seed, 0f, true), 25);
    }
  }

  private static void recount(NetworkSpec spec, int steps) {
    float[][] inputs = RandomNetworks.sequence(99, steps, spec.inputShape().size(), 0.8);
    MetricsAccumulator acc = new MetricsAccumulator();
    int layers = spec.layers().size();
    float[][] previousInput = new float[layers][];
    long[] expectedNonZeroDeltas = new long[layers];
    long[] expectedEffective = new long[layers];
    long[] expectedZeros = new long[layers];
    try (DeltaNetwork net = new DeltaNetwork(spec, new JavaKernelBackend())) {
      for (float[] x : inputs) {
        net.step(x);
        StepMetrics step = net.lastStepMetrics();
        acc.add(step);
        // The delta network's own layer outputs: they differ from the dense reference's by float32 rounding, which
        // is enough to turn "unchanged" into a tiny change.
        List<float[]> outs = new java.util.ArrayList<>();
        for (int i = 0; i < layers; i++) {
          outs.add(net.layerOutput(i));
        }
        for (int i = 0; i < layers; i++) {
          Layer layer = spec.layers().get(i);
          float[] in = i == 0 ? x : outs.get(i - 1);
          float[] out = outs.get(i);
          LayerStepMetrics m = step.layers().get(i);
          long zeros = 0;
          for (float v : out) {
            zeros += v == 0f ? 1 : 0;
          }
          assertThat(m.zeroOutputs()).as("zero outputs of layer %d", i).isEqualTo(zeros);
          expectedZeros[i] += zeros;
          if (!layer.hasWeights()) {
            assertThat(m.denseMacs()).isZero();
            continue;
          }
          assertThat(m.denseMacs()).as("dense MACs of layer %d", i).isEqualTo(denseMacs(layer));
          float[] prev = previousInput[i] == null ? new float[in.length] : previousInput[i];
          long changed = 0;
          long changedMacs = 0;
          long nonZero = 0;
          long nonZeroMacs = 0;
          for (int e = 0; e < in.length; e++) {
            long fanOut = nonZeroFanOut(layer, e);
            if (in[e] != prev[e]) {
              changed++;
              changedMacs += fanOut;
            }
            if (in[e] != 0f) {
              nonZero++;
              nonZeroMacs += fanOut;
            }
          }
          assertThat(m.nonZeroDeltas()).as("deltas of layer %d", i).isEqualTo(changed);
          // The network computes from the deltas or, when fewer, from the non-zero inputs; a dense layer for which
          // both touch at least 75 % of the rows takes the dense path over every row.
          long allMacs = 0;
          for (int e = 0; e < in.length; e++) {
            allMacs += nonZeroFanOut(layer, e);
          }
          long expected = layer instanceof Dense && Math.min(nonZero, changed) >= 0.75 * in.length ? allMacs
              : nonZero < changed ? nonZeroMacs : changedMacs;
          assertThat(m.effectiveMacs()).as("effective MACs of layer %d", i).isEqualTo(expected);
          expectedNonZeroDeltas[i] += changed;
          expectedEffective[i] += m.effectiveMacs();
          previousInput[i] = in.clone();
        }
      }
      for (int i = 0; i < layers; i++) {
        long outputs = (long) steps * spec.layers().get(i).outputShape().size();
        assertThat(acc.activationSparsity(i)).isEqualTo((double) expectedZeros[i] / outputs);
        if (spec.layers().get(i).hasWeights()) {
          long inputsSeen = (long) steps * spec.layers().get(i).inputShape().size();
          assertThat(acc.temporalSparsity(i)).isEqualTo(1.0 - (double) expectedNonZeroDeltas[i] / inputsSeen);
          assertThat(acc.effectiveMacs(i)).isEqualTo(expectedEffective[i]);
        }
      }
      long params = 0;
      for (Layer l : spec.layers()) {
        for (float[] p : l.parameters().values()) {
          params += p.length;
        }
      }
      long stateFloats = 0;
      for (Layer l : spec.layers()) {
        if (l.hasWeights()) {
          stateFloats += l.inputShape().size() + l.outputShape().size(); // last sent + memory
        }
      }
      assertThat(net.footprintBytes()).isEqualTo(4 * (params + stateFloats));
    }
  }

  /** Dense MACs by gathering: for each output position and kernel offset, count in-image input positions. */
  private static long denseMacs(Layer layer) {
    if (layer instanceof Dense d) {
      return (long) d.inputSize() * d.outputSize();
    }
    Conv2D c = (Conv2D) layer;
    Shape in = c.inputShape();
    Shape out = c.outputShape();
    long connections = 0;
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        for (int ky = 0; ky < c.kernelHeight(); ky++) {
          for (int kx = 0; kx < c.kernelWidth(); kx++) {
            int y = oy * c.stride() - c.padding() + ky;
            int x = ox * c.stride() - c.padding() + kx;
            if (y >= 0 && y < in.height() && x >= 0 && x < in.width()) {
              connections++;
            }
          }
        }
      }
    }
    return connections * in.channels() * c.outChannels();
  }

  /** Non-zero weights input element {@code e} multiplies, over all output positions it reaches. */
  private static long nonZeroFanOut(Layer layer, int e) {
    if (layer instanceof Dense d) {
      long n = 0;
      for (int o = 0; o < d.outputSize(); o++) {
        n += d.weights()[e * d.outputSize() + o] != 0f ? 1 : 0;
      }
      return n;
    }
    Conv2D c = (Conv2D) layer;
    Shape in = c.inputShape();
    Shape out = c.outputShape();
    int ch = e % in.channels();
    int y = e / in.channels() / in.width();
    int x = e / in.channels() % in.width();
    long n = 0;
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        int ky = y - (oy * c.stride() - c.padding());
        int kx = x - (ox * c.stride() - c.padding());
        if (ky < 0 || ky >= c.kernelHeight() || kx < 0 || kx >= c.kernelWidth()) {
          continue;
        }
        for (int o = 0; o < c.outChannels(); o++) {
          n += c.weights()[c.weightRowOffset(ky, kx, ch) + o] != 0f ? 1 : 0;
        }
      }
    }
    return n;
  }

  @Test
  void connectionSparsityCountsZeroWeightsNotBiases() {
    Dense d = new Dense(2, 2, new float[] {0, 1, 0, 2}, new float[] {0, 0});
    assertThat(StaticMetrics.connectionSparsity(List.of(d))).isEqualTo(0.5);
    assertThat(StaticMetrics.parameterBytes(List.of(d))).isEqualTo(24);
  }
}
