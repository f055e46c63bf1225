package org.neurostream.delta.train;

/**
 * Hyper-parameters of {@link SparsityTrainer}.
 *
 * @param hidden sizes of the MLP's hidden layers (each followed by ReLU and a trainable quantizer); empty when
 *     training a {@link QuantizedCnn}, which carries its own architecture
 * @param epochs passes over the training set
 * @param batchSize sequences per Adam step
 * @param learningRate Adam step size
 * @param sparsityWeight λ of the temporal-sparsity term; 0 trains the plain (non-sparse) baseline
 * @param initialStep initial quantization step of every quantizer
 * @param seed weight initialisation and shuffling
 */
public record TrainingConfig(int[] hidden, int epochs, int batchSize, double learningRate, double sparsityWeight,
                             double initialStep, long seed) {

  public TrainingConfig {
    if (epochs < 0 || batchSize <= 0 || !(learningRate > 0) || !(sparsityWeight >= 0)
        || !(initialStep > 0)) {
      throw new IllegalArgumentException("Invalid training configuration: hidden layers " + hidden.length
          + ", epochs " + epochs + ", batchSize " + batchSize + ", learningRate " + learningRate + ", sparsityWeight "
          + sparsityWeight + ", initialStep " + initialStep);
    }
    hidden = hidden.clone();
  }

  /** The same configuration with another λ and number of epochs (for refinement runs). */
  public TrainingConfig with(double newSparsityWeight, int newEpochs) {
    return new TrainingConfig(hidden, newEpochs, batchSize, learningRate, newSparsityWeight, initialStep, seed);
  }
}
