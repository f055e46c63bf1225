package org.neurostream.delta.net;

/** How a {@link DeltaNetwork}'s weighted layers compute each step. */
public enum ComputePolicy {
  /**
   * Per layer and step, the cheaper of the delta path (weight rows of the non-zero deltas) and a full recompute from
   * the non-zero inputs; when both would touch at least {@link #DENSE_PATH_FRACTION} of the rows, a dense layer takes
   * the dense path (all rows, no index indirection), so low sparsity never costs more than dense. The default. Falls
   * back to {@link #ALWAYS_DENSE} on a backend that does not exploit sparsity.
   */
  AUTO,
  /** Recompute every layer from its full input, all weight rows, every step: the dense baseline. */
  ALWAYS_DENSE;

  /** Fraction of weight rows above which the sparse paths of a dense layer stop paying (measured, see bench/). */
  public static final double DENSE_PATH_FRACTION = 0.75;

  /** Whether a layer with {@code rows} weight rows should take the dense path given both sparse paths' row counts. */
  static boolean denseIsCheaper(int deltaRows, int nonZeroInputRows, int rows) {
    return Math.min(deltaRows, nonZeroInputRows) >= DENSE_PATH_FRACTION * rows;
  }
}
