package org.neurostream.delta.net;

import java.util.ArrayList;
import java.util.List;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Shape;

/**
 * A network: its input shape, its layers in order and one delta threshold per layer. The threshold of layer {@code i}
 * belongs to the Delta Activation Layer in front of it: a value reaches layer {@code i}'s weights only when it changed
 * by more than the threshold since it was last sent. Thresholds of layers without weights are unused (keep them 0).
 * A GRU uses its threshold for both its input and its hidden state.
 *
 * @param thresholds non-negative, finite, one per layer, in the units of the layer's input values
 */
public record NetworkSpec(Shape inputShape, List<Layer> layers, List<Float> thresholds) {

  public NetworkSpec {
    layers = List.copyOf(layers);
    thresholds = List.copyOf(thresholds);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("A network needs at least one layer");
    }
    if (thresholds.size() != layers.size()) {
      throw new IllegalArgumentException("Expected one threshold per layer (" + layers.size() + "), got "
          + thresholds.size());
    }
    Shape expected = inputShape;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (layer.inputShape().size() != expected.size()
          || (layer.inputShape().height() > 1 || layer.inputShape().width() > 1) && !layer.inputShape().equals(expected)) {
        throw new IllegalArgumentException("Layer " + i + " (" + layer.kind() + ") expects input " + layer.inputShape()
            + " but the previous layer produces " + expected);
      }
      float t = thresholds.get(i);
      if (!(t >= 0f) || Float.isInfinite(t)) {
        throw new IllegalArgumentException("Layer " + i + " (" + layer.kind() + "): threshold must be finite and >= 0, "
            + "got " + t);
      }
      expected = layer.outputShape();
    }
  }

  /** The same layers with every threshold set to {@code threshold} (0 gives the exact delta network). */
  public static NetworkSpec withUniformThreshold(Shape inputShape, List<Layer> layers, float threshold) {
    List<Float> t = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      t.add(threshold);
    }
    return new NetworkSpec(inputShape, layers, t);
  }

  /** This network with other thresholds. */
  public NetworkSpec withThresholds(List<Float> newThresholds) {
    return new NetworkSpec(inputShape, layers, newThresholds);
  }

  public Shape outputShape() {
    return layers.get(layers.size() - 1).outputShape();
  }
}
