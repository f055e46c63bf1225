package org.neurostream.delta.net;

import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Flatten;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Quantize;
import org.neurostream.delta.metrics.LayerStepMetrics;

/**
 * Activation, quantization, pooling and flatten: recomputed from the full input every step (O(size), negligible next to weighted
 * layers), no memories, no delta encoder.
 */
final class StatelessStage implements Stage {

  private final Layer layer;
  private final float[] out;

  StatelessStage(Layer layer) {
    this.layer = layer;
    this.out = layer instanceof Flatten ? null : new float[layer.outputShape().size()];
  }

  @Override
  public float[] step(float[] input) {
    if (layer instanceof ActivationLayer a) {
      a.activation().apply(input, out, out.length);
    } else if (layer instanceof Pool2D p) {
      p.apply(input, out);
    } else if (layer instanceof Quantize q) {
      q.apply(input, out);
    } else if (layer instanceof Flatten) {
      return input;
    } else {
      throw new IllegalStateException("Not a stateless layer: " + layer.kind());
    }
    return out;
  }

  @Override
  public void reset() {
  }

  @Override
  public float[][] stateArrays() {
    return new float[0][];
  }

  @Override
  public LayerStepMetrics metrics(int index, float[] input, float[] output) {
    return new LayerStepMetrics(index, layer.kind(), 0, 0, output.length, Stage.zeros(output), 0, 0);
  }
}
