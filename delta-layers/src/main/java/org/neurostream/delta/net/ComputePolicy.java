package org.neurostream.delta.net;

/** How a {@link DeltaNetwork}'s weighted layers compute each step. */
public enum ComputePolicy {
  /**
   * Per layer and step, the cheaper of the delta path (weight rows of the non-zero deltas) and a full recompute from
   * the non-zero inputs; the default. Falls back to {@link #ALWAYS_DENSE} on a backend that does not exploit sparsity.
   */
  AUTO,
  /** Recompute every layer from its full input, all weight rows, every step: the dense baseline. */
  ALWAYS_DENSE
}
