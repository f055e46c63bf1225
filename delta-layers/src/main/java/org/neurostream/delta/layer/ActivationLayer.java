package org.neurostream.delta.layer;

import java.util.Map;

/** Applies an element-wise {@link Activation}; shape in equals shape out. */
public record ActivationLayer(Shape inputShape, Activation activation) implements Layer {

  @Override
  public Shape outputShape() {
    return inputShape;
  }

  @Override
  public String kind() {
    return "activation";
  }

  @Override
  public Map<String, float[]> parameters() {
    return Map.of();
  }
}
