package org.neurostream.delta.layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gated recurrent unit with PyTorch's equations; gates are ordered r (reset), z (update), n (candidate):
 * <pre>
 *   r = σ(x·Wxr + bxr + h·Whr + bhr)
 *   z = σ(x·Wxz + bxz + h·Whz + bhz)
 *   n = tanh(x·Wxn + bxn + r ⊙ (h·Whn + bhn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * The output at each step is {@code h'}; the hidden state starts at zero.
 *
 * @param inputWeights {@code [inputSize][3 · hiddenSize]}, columns r, z, n (transposed PyTorch {@code weight_ih})
 * @param hiddenWeights {@code [hiddenSize][3 · hiddenSize]} (transposed PyTorch {@code weight_hh})
 * @param inputBias {@code [3 · hiddenSize]}
 * @param hiddenBias {@code [3 · hiddenSize]}
 */
public record Gru(int inputSize, int hiddenSize, float[] inputWeights, float[] hiddenWeights, float[] inputBias,
                  float[] hiddenBias) implements Layer {

  public Gru {
    if (inputSize <= 0 || hiddenSize <= 0) {
      throw new IllegalArgumentException("gru: sizes must be positive, got input " + inputSize + ", hidden "
          + hiddenSize);
    }
    Layer.checkLength("gru", "inputWeights", inputWeights, (long) inputSize * 3 * hiddenSize);
    Layer.checkLength("gru", "hiddenWeights", hiddenWeights, (long) hiddenSize * 3 * hiddenSize);
    Layer.checkLength("gru", "inputBias", inputBias, 3L * hiddenSize);
    Layer.checkLength("gru", "hiddenBias", hiddenBias, 3L * hiddenSize);
  }

  @Override
  public Shape inputShape() {
    return Shape.vector(inputSize);
  }

  @Override
  public Shape outputShape() {
    return Shape.vector(hiddenSize);
  }

  @Override
  public String kind() {
    return "gru";
  }

  @Override
  public Map<String, float[]> parameters() {
    Map<String, float[]> p = new LinkedHashMap<>();
    p.put("inputWeights", inputWeights);
    p.put("hiddenWeights", hiddenWeights);
    p.put("inputBias", inputBias);
    p.put("hiddenBias", hiddenBias);
    return p;
  }
}
