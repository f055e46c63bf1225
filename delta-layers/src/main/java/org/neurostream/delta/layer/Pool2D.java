package org.neurostream.delta.layer;

import java.util.Map;

/**
 * Max or average pooling over {@code size × size} windows with the given stride, no padding, per channel. Average
 * pooling divides by the full window area.
 */
public record Pool2D(Shape inputShape, Kind poolKind, int size, int stride) implements Layer {

  /** The pooling function. */
  public enum Kind { MAX, AVG }

  public Pool2D {
    if (size <= 0 || stride <= 0 || size > inputShape.height() || size > inputShape.width()) {
      throw new IllegalArgumentException("pool2d: window " + size + " with stride " + stride
          + " does not fit the input " + inputShape);
    }
  }

  @Override
  public Shape outputShape() {
    return new Shape((inputShape.height() - size) / stride + 1, (inputShape.width() - size) / stride + 1,
        inputShape.channels());
  }

  @Override
  public String kind() {
    return poolKind == Kind.MAX ? "maxpool2d" : "avgpool2d";
  }

  @Override
  public Map<String, float[]> parameters() {
    return Map.of();
  }

  /** Pools {@code in} (HWC, {@link #inputShape()}) into {@code out} (HWC, {@link #outputShape()}). */
  public void apply(float[] in, float[] out) {
    Shape o = outputShape();
    int channels = inputShape.channels();
    float inverseArea = 1f / (size * size);
    for (int oy = 0; oy < o.height(); oy++) {
      for (int ox = 0; ox < o.width(); ox++) {
        for (int c = 0; c < channels; c++) {
          float acc = poolKind == Kind.MAX ? Float.NEGATIVE_INFINITY : 0f;
          for (int ky = 0; ky < size; ky++) {
            for (int kx = 0; kx < size; kx++) {
              float v = in[inputShape.index(oy * stride + ky, ox * stride + kx, c)];
              acc = poolKind == Kind.MAX ? Math.max(acc, v) : acc + v;
            }
          }
          out[o.index(oy, ox, c)] = poolKind == Kind.MAX ? acc : acc * inverseArea;
        }
      }
    }
  }
}
