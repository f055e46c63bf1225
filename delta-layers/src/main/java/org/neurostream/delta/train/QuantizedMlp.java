package org.neurostream.delta.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.neurostream.delta.layer.Activation;
import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Quantize;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.net.NetworkSpec;

/**
 * A per-frame MLP whose hidden activations are ReLU followed by a quantizer with a trainable step, the network the
 * sparsity objective trains: {@code z_l = q_{l−1} · W_l + b_l}, {@code q_l = s_l · round(relu(z_l) / s_l)}; the last
 * layer's {@code z} are the frame's class logits, and a sequence's logits are their mean over frames. Parameters are
 * mutable arrays updated in place by {@link SparsityTrainer}; {@link #toSpec()} exports a copy in the inference format
 * (dense → relu → quantize → … → dense). Not thread-safe.
 */
public final class QuantizedMlp {

  final int[] sizes;
  /** {@code weights[l]} is {@code [sizes[l]][sizes[l+1]]}, the inference layout. */
  final float[][] weights;
  final float[][] biases;
  /** Quantization step of hidden layer {@code l} (after {@code weights[l]}). */
  final double[] steps;

  QuantizedMlp(int[] sizes, float[][] weights, float[][] biases, double[] steps) {
    this.sizes = sizes;
    this.weights = weights;
    this.biases = biases;
    this.steps = steps;
  }

  /** He-initialised network {@code input → hidden… → classes} with every step set to {@code initialStep}. */
  public static QuantizedMlp initialise(int input, int[] hidden, int classes, double initialStep, long seed) {
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = input;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = classes;
    Random r = new Random(seed);
    int layers = sizes.length - 1;
    float[][] w = new float[layers][];
    float[][] b = new float[layers][];
    for (int l = 0; l < layers; l++) {
      w[l] = new float[sizes[l] * sizes[l + 1]];
      b[l] = new float[sizes[l + 1]];
      double sd = Math.sqrt(2.0 / sizes[l]);
      for (int i = 0; i < w[l].length; i++) {
        w[l][i] = (float) (r.nextGaussian() * sd);
      }
    }
    double[] steps = new double[hidden.length];
    java.util.Arrays.fill(steps, initialStep);
    return new QuantizedMlp(sizes, w, b, steps);
  }

  /** A deep copy (e.g. to refine a trained model without changing it). */
  public QuantizedMlp copy() {
    float[][] w = new float[weights.length][];
    float[][] b = new float[biases.length][];
    for (int l = 0; l < weights.length; l++) {
      w[l] = weights[l].clone();
      b[l] = biases[l].clone();
    }
    return new QuantizedMlp(sizes.clone(), w, b, steps.clone());
  }

  public int layerCount() {
    return weights.length;
  }

  /** Quantization step of hidden layer {@code l}. */
  public double step(int l) {
    return steps[l];
  }

  /** The network in the inference format, thresholds 0 (the quantizers make unchanged activations exactly equal). */
  public NetworkSpec toSpec() {
    List<Layer> layers = new ArrayList<>();
    for (int l = 0; l < weights.length; l++) {
      layers.add(new Dense(sizes[l], sizes[l + 1], weights[l].clone(), biases[l].clone()));
      if (l < weights.length - 1) {
        layers.add(new ActivationLayer(Shape.vector(sizes[l + 1]), Activation.RELU));
        layers.add(new Quantize(Shape.vector(sizes[l + 1]), (float) steps[l]));
      }
    }
    return NetworkSpec.withUniformThreshold(Shape.vector(sizes[0]), layers, 0f);
  }
}
