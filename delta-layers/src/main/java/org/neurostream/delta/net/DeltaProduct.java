package org.neurostream.delta.net;

import org.neurostream.delta.kernel.RowBatch;
import org.neurostream.delta.kernel.RowScatter;
import org.neurostream.delta.kernel.WeightRows;

/**
 * One delta-updated matrix–vector product, the work every weighted delta stage shares: a {@link DeltaEncoder} in
 * front of the weight rows and a pre-activation memory {@code M} updated with {@code M += Σ_{i: Δi ≠ 0} Δi · W[i][·]}.
 * On a sparse backend each step takes the cheaper of two paths, both touching only weight rows of non-zero values:
 * the delta path (rows of non-zero deltas) or a full recompute from the current input (rows of non-zero inputs, which
 * also clears the residue). When not sparse, every step is a full dense product.
 *
 * <p>Not thread-safe; the {@link RowBatch} may be shared by products of one stage, which run one after the other.
 */
final class DeltaProduct {

  private final DeltaEncoder encoder;
  private final WeightRows weights;
  private final RowScatter scatter;
  private final RowBatch batch;
  private final boolean sparse;

  DeltaProduct(DeltaEncoder encoder, WeightRows weights, RowScatter scatter, RowBatch batch, boolean sparse) {
    this.encoder = encoder;
    this.weights = weights;
    this.scatter = scatter;
    this.batch = batch;
    this.sparse = sparse;
  }

  /**
   * Encodes {@code x} and brings {@code memory} up to date with it.
   *
   * @return the effective MACs of this step (non-zero transmitted value × non-zero weight; all weights when dense)
   */
  long update(float[] x, float[] bias, float[] memory) {
    int k = encoder.encode(x);
    int[] nz = weights.nonZeroPerRow();
    long macs = 0;
    batch.clear();
    if (!sparse || ComputePolicy.denseIsCheaper(k, encoder.nonZeroInputs(), weights.rows())) {
      scatter.denseForward(x, bias, memory);
      encoder.transmitAll(x);
      if (!sparse) {
        return (long) weights.rows() * weights.rowLength();
      }
      for (int r = 0; r < weights.rows(); r++) {
        macs += nz[r];
      }
      return macs;
    }
    if (encoder.nonZeroInputs() < k) {
      System.arraycopy(bias, 0, memory, 0, memory.length);
      for (int i = 0; i < x.length; i++) {
        if (x[i] != 0f) {
          batch.add(i, 0, x[i]);
          macs += nz[i];
        }
      }
      encoder.transmitAll(x);
    } else {
      int[] idx = encoder.indices();
      float[] d = encoder.deltas();
      for (int p = 0; p < k; p++) {
        batch.add(idx[p], 0, d[p]);
        macs += nz[idx[p]];
      }
    }
    scatter.scatter(batch, memory);
    return macs;
  }
}
