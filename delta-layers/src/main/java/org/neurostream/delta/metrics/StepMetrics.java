package org.neurostream.delta.metrics;

import java.util.List;

/** Per-layer metrics of one time step of a delta network, in layer order. */
public record StepMetrics(List<LayerStepMetrics> layers) {

  public StepMetrics {
    layers = List.copyOf(layers);
  }

  public long denseMacs() {
    return layers.stream().mapToLong(LayerStepMetrics::denseMacs).sum();
  }

  public long effectiveMacs() {
    return layers.stream().mapToLong(LayerStepMetrics::effectiveMacs).sum();
  }

  /** Temporal sparsity over all Delta Activation Layers of the step (pooled counts, not a mean of ratios). */
  public double temporalSparsity() {
    long in = 0;
    long nz = 0;
    for (LayerStepMetrics m : layers) {
      in += m.deltaInputs();
      nz += m.nonZeroDeltas();
    }
    return in == 0 ? 0.0 : 1.0 - (double) nz / in;
  }
}
