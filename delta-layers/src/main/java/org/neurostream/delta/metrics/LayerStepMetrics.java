package org.neurostream.delta.metrics;

/**
 * What one layer did in one time step of a delta network, counted with NeuroBench's definitions.
 *
 * @param layerIndex position of the layer in the network
 * @param kind layer type, e.g. {@code "conv2d"}
 * @param deltaInputs number of values the layer's Delta Activation Layer compared with their last transmitted value
 *     (0 for layers without weights, which have no delta encoder)
 * @param nonZeroDeltas number of those values transmitted (change above threshold)
 * @param outputs number of output values
 * @param zeroOutputs number of output values equal to zero
 * @param denseMacs multiply-accumulates a dense implementation performs (connections between valid positions, padding
 *     excluded, biases not counted)
 * @param effectiveMacs multiply-accumulates with a non-zero transmitted value and a non-zero weight, i.e. what the
 *     sparse kernel must do
 */
public record LayerStepMetrics(int layerIndex, String kind, long deltaInputs, long nonZeroDeltas, long outputs,
                               long zeroOutputs, long denseMacs, long effectiveMacs) {

  /** Fraction of compared values that did not change enough to be sent: 1 − nonZeroDeltas / deltaInputs. */
  public double temporalSparsity() {
    return deltaInputs == 0 ? 0.0 : 1.0 - (double) nonZeroDeltas / deltaInputs;
  }

  /** Fraction of output values that are zero. */
  public double activationSparsity() {
    return outputs == 0 ? 0.0 : (double) zeroOutputs / outputs;
  }
}
