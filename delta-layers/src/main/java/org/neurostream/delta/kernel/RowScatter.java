package org.neurostream.delta.kernel;

/**
 * The compute primitive of delta inference, bound to one {@link WeightRows} matrix by a {@link KernelBackend}.
 * Implementations differ in where the arithmetic runs (plain Java, OpenCL via Aparapi, ND4J/OpenBLAS); all produce the
 * same sums up to float32 rounding. Instances are not thread-safe: one per layer of one network.
 */
public interface RowScatter extends AutoCloseable {

  /** {@code acc[accOffset[p] + j] += scale[p] · W[weightRow[p]][j]} for every entry {@code p} and column {@code j}. */
  void scatter(RowBatch batch, float[] acc);

  /**
   * Dense forward over all rows: {@code out[j] = bias[j] + Σ_i input[i] · W[i][j]} (a dense layer's full recompute,
   * {@code out} has {@code rowLength} elements).
   */
  void denseForward(float[] input, float[] bias, float[] out);

  /** Releases native or device resources; the default does nothing. */
  @Override
  default void close() {
  }
}
