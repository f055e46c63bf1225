package org.neurostream.delta.layer;

import java.util.Map;

/**
 * Immutable description of one layer: its shapes and parameters. Layers hold no run-time state; the dense reference
 * ({@code org.neurostream.delta.net.DenseNetwork}) and the delta network ({@code DeltaNetwork}) build their own
 * buffers from them. Parameter arrays are shared, not copied: callers must not modify them after construction.
 */
public sealed interface Layer permits Dense, Conv2D, Pool2D, ActivationLayer, Quantize, Flatten, Gru {

  Shape inputShape();

  Shape outputShape();

  /** Short type name used in model files and metrics, e.g. {@code "dense"}. */
  String kind();

  /** Named parameter arrays in their storage layout (see each layer's Javadoc); empty for parameter-free layers. */
  Map<String, float[]> parameters();

  /** Whether this layer multiplies by weights, so that a Delta Activation Layer in front of it saves work. */
  default boolean hasWeights() {
    return !parameters().isEmpty();
  }

  /** Total number of parameters. */
  default long parameterCount() {
    long n = 0;
    for (float[] p : parameters().values()) {
      n += p.length;
    }
    return n;
  }

  /** Checks that {@code values} has {@code expected} elements; names the layer and parameter otherwise. */
  static void checkLength(String layer, String parameter, float[] values, long expected) {
    if (values == null) {
      throw new IllegalArgumentException(layer + ": parameter '" + parameter + "' is missing");
    }
    if (values.length != expected) {
      throw new IllegalArgumentException(layer + ": parameter '" + parameter + "' has " + values.length
          + " values but the layer's shape needs " + expected);
    }
  }
}
