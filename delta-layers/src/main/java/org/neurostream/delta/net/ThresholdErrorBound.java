package org.neurostream.delta.net;

import org.neurostream.delta.layer.Activation;
import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Flatten;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Quantize;

/**
 * Worst-case output error of a feed-forward delta network with thresholds, relative to the dense network, in exact
 * arithmetic (add float32 rounding on top).
 *
 * <p>Derivation. Let {@code ε} bound {@code |x_delta − x_dense|} element-wise at a layer's input. Its Delta Activation
 * Layer transmits values {@code x̂} with {@code |x̂ − x_delta| ≤ θ} (an untransmitted residue never exceeds the
 * threshold; a full recompute makes it 0). The memory equals {@code b + Wᵀ x̂} (the sum of transmitted deltas
 * telescopes), so the pre-activation error at output {@code j} is {@code |Σ_i W_ij (x̂_i − x_i)| ≤ (ε + θ) Σ_i |W_ij|}.
 * Hence {@code ε' = (ε + θ) · max_j Σ_i |W_ij|} for a dense layer (for a convolution, the sum runs over kernel
 * positions and input channels), {@code ε' = L · ε} for an activation with Lipschitz constant {@code L} (1 for ReLU,
 * ReLU6, tanh and identity; 1/4 for the sigmoid), {@code ε' = ε + step} for a quantizer (rounding can flip one bin), and {@code ε' = ε} for max and average pooling and flatten. The
 * bound does not grow with the number of steps. Recurrent layers (GRU) feed their own error back and have no
 * closed-form bound here; their error is measured instead.
 */
public final class ThresholdErrorBound {

  private ThresholdErrorBound() {
  }

  /**
   * The element-wise bound on {@code |delta output − dense output|} for {@code spec}.
   *
   * @throws IllegalArgumentException if the network contains a recurrent layer
   */
  public static double maxAbsError(NetworkSpec spec) {
    double eps = 0.0;
    for (int i = 0; i < spec.layers().size(); i++) {
      Layer layer = spec.layers().get(i);
      double theta = spec.thresholds().get(i);
      if (layer instanceof Dense d) {
        eps = (eps + theta) * maxColumnAbsSum(d.weights(), d.inputSize(), d.outputSize());
      } else if (layer instanceof Conv2D c) {
        int rows = c.kernelHeight() * c.kernelWidth() * c.inputShape().channels();
        eps = (eps + theta) * maxColumnAbsSum(c.weights(), rows, c.outChannels());
      } else if (layer instanceof ActivationLayer a) {
        eps *= a.activation() == Activation.SIGMOID ? 0.25 : 1.0;
      } else if (layer instanceof Quantize q) {
        eps += q.step();
      } else if (!(layer instanceof Pool2D || layer instanceof Flatten)) {
        throw new IllegalArgumentException("Layer " + i + " (" + layer.kind()
            + ") is recurrent; the closed-form bound covers feed-forward networks only");
      }
    }
    return eps;
  }

  private static double maxColumnAbsSum(float[] w, int rows, int cols) {
    double max = 0.0;
    for (int j = 0; j < cols; j++) {
      double s = 0.0;
      for (int r = 0; r < rows; r++) {
        s += Math.abs(w[r * cols + j]);
      }
      max = Math.max(max, s);
    }
    return max;
  }
}
