package org.neurostream.delta.layer;

import java.util.Map;

/**
 * Uniform quantizer {@code q(x) = step · round(x / step)}, rounding half up ({@code floor(x / step + 1/2)}, as
 * {@link Math#round(float)}): the activation quantization of the Delta Activation Layer paper. A value whose change
 * stays within one quantization bin produces an exactly zero delta, so a network trained with a sparsity objective
 * (see {@code org.neurostream.delta.train}) gets its temporal sparsity with threshold 0 and no approximation beyond
 * what it was trained with.
 *
 * @param step quantization step, finite and positive, in the units of the layer's input
 */
public record Quantize(Shape inputShape, float step) implements Layer {

  public Quantize {
    if (!(step > 0f) || Float.isInfinite(step)) {
      throw new IllegalArgumentException("quantize: step must be finite and > 0, got " + step);
    }
  }

  /** Quantizes one value. */
  public float apply(float x) {
    return step * Math.round(x / step);
  }

  /** Quantizes {@code in} into {@code out} (same length; may alias). */
  public void apply(float[] in, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = apply(in[i]);
    }
  }

  @Override
  public Shape outputShape() {
    return inputShape;
  }

  @Override
  public String kind() {
    return "quantize";
  }

  @Override
  public Map<String, float[]> parameters() {
    return Map.of();
  }
}
