package org.neurostream.delta.layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fully connected layer {@code y = x · W + b}.
 *
 * @param weights {@code [inputSize][outputSize]} row-major, i.e. Wᵀ of the textbook {@code W x}: the outgoing
 *     weights of input neuron {@code i} are the contiguous row {@code weights[i * outputSize ..]}
 * @param bias {@code [outputSize]}
 */
public record Dense(int inputSize, int outputSize, float[] weights, float[] bias) implements Layer {

  public Dense {
    if (inputSize <= 0 || outputSize <= 0) {
      throw new IllegalArgumentException("dense: sizes must be positive, got " + inputSize + "x" + outputSize);
    }
    Layer.checkLength("dense", "weights", weights, (long) inputSize * outputSize);
    Layer.checkLength("dense", "bias", bias, outputSize);
  }

  @Override
  public Shape inputShape() {
    return Shape.vector(inputSize);
  }

  @Override
  public Shape outputShape() {
    return Shape.vector(outputSize);
  }

  @Override
  public String kind() {
    return "dense";
  }

  @Override
  public Map<String, float[]> parameters() {
    Map<String, float[]> p = new LinkedHashMap<>();
    p.put("weights", weights);
    p.put("bias", bias);
    return p;
  }
}
