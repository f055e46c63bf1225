package org.neurostream.delta.net;

import org.neurostream.delta.metrics.LayerStepMetrics;

/** Run-time counterpart of one layer inside a {@link DeltaNetwork}: buffers, memories and the per-step counters. */
interface Stage extends AutoCloseable {

  /** Advances one step; returns the output buffer (owned by the stage, valid until the next step). */
  float[] step(float[] input);

  /** Returns the memories to their initial values (as if no input had been seen). */
  void reset();

  /** The arrays that make up this stage's state, in a fixed order; live views, not copies. */
  float[][] stateArrays();

  /** Counters of the last step; {@code input} and {@code output} are the buffers of that step. */
  LayerStepMetrics metrics(int index, float[] input, float[] output);

  @Override
  default void close() {
  }

  static long zeros(float[] v) {
    long z = 0;
    for (float f : v) {
      if (f == 0f) {
        z++;
      }
    }
    return z;
  }
}
