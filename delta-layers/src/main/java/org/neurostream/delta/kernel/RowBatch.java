package org.neurostream.delta.kernel;

import java.util.Arrays;

/**
 * A reusable list of scaled row updates {@code acc[accOffset[p] + j] += scale[p] · W[weightRow[p]][j]}, the unit of
 * work every {@link RowScatter} performs. A delta layer fills it with one entry per (non-zero delta, target position).
 * Not thread-safe; one batch per layer.
 */
public final class RowBatch {

  private int count;
  private int[] weightRows;
  private int[] accOffsets;
  private float[] scales;

  public RowBatch(int initialCapacity) {
    int c = Math.max(1, initialCapacity);
    weightRows = new int[c];
    accOffsets = new int[c];
    scales = new float[c];
  }

  public void clear() {
    count = 0;
  }

  public void add(int weightRow, int accOffset, float scale) {
    if (count == scales.length) {
      int c = count * 2;
      weightRows = Arrays.copyOf(weightRows, c);
      accOffsets = Arrays.copyOf(accOffsets, c);
      scales = Arrays.copyOf(scales, c);
    }
    weightRows[count] = weightRow;
    accOffsets[count] = accOffset;
    scales[count] = scale;
    count++;
  }

  public int count() {
    return count;
  }

  /** Backing arrays; valid in {@code [0, count())}. */
  public int[] weightRows() {
    return weightRows;
  }

  public int[] accOffsets() {
    return accOffsets;
  }

  public float[] scales() {
    return scales;
  }
}
