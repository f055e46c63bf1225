package org.neurostream.delta.kernel;

/**
 * Plain-Java kernels: a scatter that touches only the weight rows listed in the batch, and a dense forward that walks
 * all rows four at a time (one accumulator pass per four rows). Single-threaded per call; the JIT vectorises the
 * inner loops. Stateless and thread-safe; the {@link RowScatter}s it creates are not.
 */
public final class JavaKernelBackend implements KernelBackend {

  @Override
  public String name() {
    return "java";
  }

  @Override
  public boolean sparse() {
    return true;
  }

  @Override
  public RowScatter prepare(WeightRows weights, int accLength, int maxEntries) {
    return new JavaRowScatter(weights);
  }

  /** Java implementation bound to one matrix. */
  static final class JavaRowScatter implements RowScatter {
    private final float[] w;
    private final int rowLength;
    private final int rows;

    JavaRowScatter(WeightRows weights) {
      this.w = weights.values();
      this.rowLength = weights.rowLength();
      this.rows = weights.rows();
    }

    @Override
    public void scatter(RowBatch batch, float[] acc) {
      int n = batch.count();
      int[] wr = batch.weightRows();
      int[] ao = batch.accOffsets();
      float[] s = batch.scales();
      int len = rowLength;
      int p = 0;
      // Four updates into the same accumulator row share one read-modify-write of that row.
      while (p + 3 < n && ao[p] == ao[p + 3] && ao[p] == ao[p + 1] && ao[p] == ao[p + 2]) {
        axpy4(acc, ao[p], s[p], wr[p] * len, s[p + 1], wr[p + 1] * len, s[p + 2], wr[p + 2] * len, s[p + 3],
            wr[p + 3] * len, len);
        p += 4;
      }
      for (; p < n; p++) {
        float a = s[p];
        int wo = wr[p] * len;
        int o = ao[p];
        for (int j = 0; j < len; j++) {
          acc[o + j] += a * w[wo + j];
        }
      }
    }

    private void axpy4(float[] acc, int o, float a0, int w0, float a1, int w1, float a2, int w2, float a3, int w3,
                       int len) {
      float[] wv = w;
      for (int j = 0; j < len; j++) {
        acc[o + j] += a0 * wv[w0 + j] + a1 * wv[w1 + j] + a2 * wv[w2 + j] + a3 * wv[w3 + j];
      }
    }

    @Override
    public void denseForward(float[] input, float[] bias, float[] out) {
      int len = rowLength;
      System.arraycopy(bias, 0, out, 0, len);
      int r = 0;
      for (; r + 3 < rows; r += 4) {
        axpy4(out, 0, input[r], r * len, input[r + 1], (r + 1) * len, input[r + 2], (r + 2) * len, input[r + 3],
            (r + 3) * len, len);
      }
      for (; r < rows; r++) {
        float a = input[r];
        int wo = r * len;
        for (int j = 0; j < len; j++) {
          out[j] += a * w[wo + j];
        }
      }
    }
  }
}
