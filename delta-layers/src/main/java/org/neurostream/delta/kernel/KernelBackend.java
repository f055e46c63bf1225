package org.neurostream.delta.kernel;

/**
 * Chooses where delta-network arithmetic runs. Injected into {@code DeltaNetwork} so that tests and deployments pick
 * plain Java, OpenCL (Aparapi) or the ND4J dense baseline without code changes.
 */
public interface KernelBackend {

  /** Short name for logs and benchmark reports, e.g. {@code "java"}. */
  String name();

  /**
   * Binds a scatter primitive to {@code weights}.
   *
   * @param accLength length of the accumulator arrays that will be passed to {@link RowScatter#scatter}
   * @param maxEntries largest batch that will be passed (an upper bound for device buffers)
   */
  RowScatter prepare(WeightRows weights, int accLength, int maxEntries);

  /**
   * Whether the backend exploits sparsity. A dense backend (ND4J) always recomputes layers from their full input, the
   * baseline against which delta inference is measured.
   */
  boolean sparse();
}
