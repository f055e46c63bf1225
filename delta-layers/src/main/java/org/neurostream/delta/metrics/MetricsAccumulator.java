package org.neurostream.delta.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Sums {@link StepMetrics} over steps (and sequences) so that ratios are pooled the way NeuroBench pools them: total
 * zeros over total values, not the mean of per-step ratios. Activation sparsity is taken over the outputs of the
 * layers that produce activations ({@code activation}, {@code gru}); MACs are summed over all layers. Not thread-safe.
 */
public final class MetricsAccumulator {

  private final List<long[]> perLayer = new ArrayList<>();
  private final List<String> kinds = new ArrayList<>();
  private long steps;

  // Indexes into the per-layer sums.
  private static final int DELTA_INPUTS = 0;
  private static final int NON_ZERO_DELTAS = 1;
  private static final int OUTPUTS = 2;
  private static final int ZERO_OUTPUTS = 3;
  private static final int DENSE_MACS = 4;
  private static final int EFFECTIVE_MACS = 5;

  /** Adds one step. All steps must come from networks with the same layers. */
  public void add(StepMetrics step) {
    List<LayerStepMetrics> layers = step.layers();
    if (perLayer.isEmpty()) {
      for (LayerStepMetrics m : layers) {
        perLayer.add(new long[6]);
        kinds.add(m.kind());
      }
    } else if (layers.size() != perLayer.size()) {
      throw new IllegalArgumentException("Step has " + layers.size() + " layers, earlier steps had "
          + perLayer.size());
    }
    for (int i = 0; i < layers.size(); i++) {
      LayerStepMetrics m = layers.get(i);
      long[] s = perLayer.get(i);
      s[DELTA_INPUTS] += m.deltaInputs();
      s[NON_ZERO_DELTAS] += m.nonZeroDeltas();
      s[OUTPUTS] += m.outputs();
      s[ZERO_OUTPUTS] += m.zeroOutputs();
      s[DENSE_MACS] += m.denseMacs();
      s[EFFECTIVE_MACS] += m.effectiveMacs();
    }
    steps++;
  }

  public long steps() {
    return steps;
  }

  public int layerCount() {
    return perLayer.size();
  }

  /** Temporal sparsity of layer {@code i}'s Delta Activation Layer over all steps. */
  public double temporalSparsity(int i) {
    long[] s = perLayer.get(i);
    return s[DELTA_INPUTS] == 0 ? 0.0 : 1.0 - (double) s[NON_ZERO_DELTAS] / s[DELTA_INPUTS];
  }

  /** Temporal sparsity pooled over all Delta Activation Layers and steps. */
  public double temporalSparsity() {
    return 1.0 - ratio(NON_ZERO_DELTAS, DELTA_INPUTS, false);
  }

  /** Activation sparsity of layer {@code i}'s outputs. */
  public double activationSparsity(int i) {
    long[] s = perLayer.get(i);
    return s[OUTPUTS] == 0 ? 0.0 : (double) s[ZERO_OUTPUTS] / s[OUTPUTS];
  }

  /** Activation sparsity pooled over the outputs of activation-producing layers ({@code activation}, {@code gru}). */
  public double activationSparsity() {
    return ratio(ZERO_OUTPUTS, OUTPUTS, true);
  }

  public long denseMacs(int i) {
    return perLayer.get(i)[DENSE_MACS];
  }

  public long effectiveMacs(int i) {
    return perLayer.get(i)[EFFECTIVE_MACS];
  }

  public long denseMacs() {
    return sum(DENSE_MACS);
  }

  public long effectiveMacs() {
    return sum(EFFECTIVE_MACS);
  }

  /** Mean dense MACs per step. */
  public double denseMacsPerStep() {
    return steps == 0 ? 0.0 : (double) denseMacs() / steps;
  }

  /** Mean effective MACs per step. */
  public double effectiveMacsPerStep() {
    return steps == 0 ? 0.0 : (double) effectiveMacs() / steps;
  }

  private long sum(int field) {
    long t = 0;
    for (long[] s : perLayer) {
      t += s[field];
    }
    return t;
  }

  private double ratio(int num, int den, boolean activationLayersOnly) {
    long n = 0;
    long d = 0;
    for (int i = 0; i < perLayer.size(); i++) {
      if (activationLayersOnly && !(kinds.get(i).equals("activation") || kinds.get(i).equals("gru"))) {
        continue;
      }
      n += perLayer.get(i)[num];
      d += perLayer.get(i)[den];
    }
    return d == 0 ? 0.0 : (double) n / d;
  }
}
