package org.neurostream.delta.layer;

/**
 * Shape of the tensor that flows between layers: height × width × channels, stored flat in channels-last (HWC) order,
 * element {@code (y, x, c)} at {@code (y * width + x) * channels + c}. A plain vector is {@code 1 × 1 × n}.
 *
 * <p>Channels-last makes the weights of one input element's outgoing connections contiguous for convolutions stored
 * as {@code [kernelHeight][kernelWidth][inChannels][outChannels]}, which is what the sparse delta kernels need.
 */
public record Shape(int height, int width, int channels) {

  public Shape {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "Shape dimensions must be positive, but got height=" + height + ", width=" + width + ", channels=" + channels);
    }
  }

  /** A flat vector of {@code size} elements. */
  public static Shape vector(int size) {
    return new Shape(1, 1, size);
  }

  /** Number of elements. */
  public int size() {
    return height * width * channels;
  }

  /** Flat index of element {@code (y, x, c)}. */
  public int index(int y, int x, int c) {
    return (y * width + x) * channels + c;
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
