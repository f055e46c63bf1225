package org.neurostream.delta.layer;

/** Element-wise non-linearities. Each is a pure function of one float. */
public enum Activation {
  IDENTITY,
  RELU,
  SIGMOID,
  TANH,
  /** {@code min(max(x, 0), 6)}, the bounded ReLU common in small vision networks. */
  RELU6;

  /** Applies the function to one value. */
  public float apply(float x) {
    return switch (this) {
      case IDENTITY -> x;
      case RELU -> x > 0f ? x : 0f;
      case SIGMOID -> sigmoid(x);
      case TANH -> (float) Math.tanh(x);
      case RELU6 -> x > 0f ? (x < 6f ? x : 6f) : 0f;
    };
  }

  /** Applies the function to {@code in[0..n)} writing {@code out[0..n)}; {@code in} and {@code out} may alias. */
  public void apply(float[] in, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = apply(in[i]);
    }
  }

  /** Logistic sigmoid in float32. */
  public static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }
}
