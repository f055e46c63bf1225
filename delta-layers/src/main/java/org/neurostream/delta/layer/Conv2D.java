package org.neurostream.delta.layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning framework) with equal stride and zero padding on both
 * axes: {@code out(oy, ox, o) = b[o] + Σ_{ky,kx,c} in(oy·s − p + ky, ox·s − p + kx, c) · W[ky][kx][c][o]}, inputs
 * outside the image being zero.
 *
 * @param weights {@code [kernelHeight][kernelWidth][inChannels][outChannels]} (TensorFlow's HWIO), so the weights one
 *     input element sends to the output channels at one kernel offset are contiguous
 * @param bias {@code [outChannels]}
 */
public record Conv2D(Shape inputShape, int outChannels, int kernelHeight, int kernelWidth, int stride, int padding,
                     float[] weights, float[] bias) implements Layer {

  public Conv2D {
    if (outChannels <= 0 || kernelHeight <= 0 || kernelWidth <= 0 || stride <= 0 || padding < 0) {
      throw new IllegalArgumentException("conv2d: outChannels, kernel size and stride must be positive and padding "
          + "non-negative, got outChannels=" + outChannels + ", kernel=" + kernelHeight + "x" + kernelWidth
          + ", stride=" + stride + ", padding=" + padding);
    }
    if (inputShape.height() + 2 * padding < kernelHeight || inputShape.width() + 2 * padding < kernelWidth) {
      throw new IllegalArgumentException("conv2d: kernel " + kernelHeight + "x" + kernelWidth
          + " is larger than the padded input " + inputShape);
    }
    Layer.checkLength("conv2d", "weights", weights,
        (long) kernelHeight * kernelWidth * inputShape.channels() * outChannels);
    Layer.checkLength("conv2d", "bias", bias, outChannels);
  }

  @Override
  public Shape outputShape() {
    return new Shape((inputShape.height() + 2 * padding - kernelHeight) / stride + 1,
        (inputShape.width() + 2 * padding - kernelWidth) / stride + 1, outChannels);
  }

  /** Offset of the weight row {@code W[ky][kx][c][0..outChannels)}. */
  public int weightRowOffset(int ky, int kx, int c) {
    return ((ky * kernelWidth + kx) * inputShape.channels() + c) * outChannels;
  }

  @Override
  public String kind() {
    return "conv2d";
  }

  @Override
  public Map<String, float[]> parameters() {
    Map<String, float[]> p = new LinkedHashMap<>();
    p.put("weights", weights);
    p.put("bias", bias);
    return p;
  }
}
