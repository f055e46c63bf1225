package org.neurostream.delta.kernel;

import com.aparapi.Kernel;

/**
 * Aparapi kernel for {@link RowScatter#scatter}: one work item per (accumulator row group, column). The host sorts the
 * batch by accumulator row into groups (compressed-row form), so each work item sums the scaled weights of its group's
 * entries for its column and adds the sum into the accumulator once: no two work items write the same element.
 * Top-level class because Aparapi cannot translate nested classes on Java 17 (NestHost attribute).
 * Fields are Aparapi's kernel arguments and are filled by {@link AparapiKernelBackend}; buffers are explicit.
 */
public final class ScatterRowsClKernel extends Kernel {

  /** Weight rows, uploaded once. */
  float[] weights;
  /** Accumulator, uploaded and read back per call. */
  float[] acc;
  /** Start of each group's entries in {@link #entryWeightOffset}; {@code groups + 1} values are valid. */
  int[] groupStart;
  /** Offset of each group's accumulator row. */
  int[] groupAccOffset;
  /** Offset of each entry's weight row. */
  int[] entryWeightOffset;
  /** Scale (the delta) of each entry. */
  float[] entryScale;
  int rowLength;
  /** Number of valid work items, {@code groups · rowLength}; the launched range may be padded beyond it. */
  int workItems;

  ScatterRowsClKernel(float[] weights, int rowLength, int accLength, int maxEntries) {
    this.weights = weights;
    this.rowLength = rowLength;
    int maxGroups = Math.max(1, accLength / rowLength);
    this.acc = new float[accLength];
    this.groupStart = new int[maxGroups + 1];
    this.groupAccOffset = new int[maxGroups];
    this.entryWeightOffset = new int[Math.max(1, maxEntries)];
    this.entryScale = new float[Math.max(1, maxEntries)];
  }

  @Override
  public void run() {
    int gid = getGlobalId();
    if (gid < workItems) {
      int g = gid / rowLength;
      int j = gid - g * rowLength;
      float sum = 0f;
      for (int p = groupStart[g]; p < groupStart[g + 1]; p++) {
        sum += entryScale[p] * weights[entryWeightOffset[p] + j];
      }
      acc[groupAccOffset[g] + j] += sum;
    }
  }
}
