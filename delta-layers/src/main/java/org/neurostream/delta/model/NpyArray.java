package org.neurostream.delta.model;

import java.util.Arrays;

/**
 * A NumPy array converted to float32, with its shape; {@code data} in C (row-major) order.
 *
 * @param name the entry name (without {@code .npy}) or file name it came from
 */
public record NpyArray(String name, int[] shape, float[] data) {

  public NpyArray {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
          + " values, data has " + data.length);
    }
  }

  public String shapeString() {
    return Arrays.toString(shape);
  }
}
