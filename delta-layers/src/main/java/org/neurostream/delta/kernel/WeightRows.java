package org.neurostream.delta.kernel;

/**
 * A weight matrix stored as contiguous rows: row {@code r} is {@code values[r * rowLength .. (r + 1) * rowLength)}.
 * A row holds every weight one input element sends onward (Wᵀ for a dense layer, {@code W[ky][kx][c][·]} for a
 * convolution), so a non-zero input delta touches exactly one row per target position.
 *
 * @param nonZeroPerRow number of non-zero weights in each row, for effective-MAC accounting
 */
public record WeightRows(float[] values, int rows, int rowLength, int[] nonZeroPerRow) {

  public WeightRows {
    if ((long) rows * rowLength != values.length || nonZeroPerRow.length != rows) {
      throw new IllegalArgumentException("WeightRows: " + values.length + " values do not form " + rows + " rows of "
          + rowLength);
    }
  }

  /** Wraps {@code values} (not copied) and counts the non-zero weights of each row. */
  public static WeightRows of(float[] values, int rows, int rowLength) {
    int[] nonZero = new int[rows];
    for (int r = 0; r < rows; r++) {
      int n = 0;
      for (int j = r * rowLength, end = j + rowLength; j < end; j++) {
        if (values[j] != 0f) {
          n++;
        }
      }
      nonZero[r] = n;
    }
    return new WeightRows(values, rows, rowLength, nonZero);
  }
}
