package org.neurostream.delta.layer;

import java.util.Map;

/** Reinterprets an HWC tensor as a vector of the same size in the same (channels-last) order; copies nothing. */
public record Flatten(Shape inputShape) implements Layer {

  @Override
  public Shape outputShape() {
    return Shape.vector(inputShape.size());
  }

  @Override
  public String kind() {
    return "flatten";
  }

  @Override
  public Map<String, float[]> parameters() {
    return Map.of();
  }
}
