package org.neurostream.bench.delta;

import java.util.Random;

/**
 * An input vector of non-zero values of which a fixed fraction changes at every step, for measuring delta inference at
 * a set temporal sparsity. {@code clustered} changes a contiguous run of elements at a random offset (a moving object
 * in an HWC image); otherwise the changed elements are spread at random. Changed values alternate between +0.25 and
 * −0.25 around their start in [0.5, 1.5], so they never reach zero (activation sparsity stays out of the picture).
 */
final class ChangingInput {

  private final float[] values;
  private final boolean[] raised;
  private final int[] order;
  private final int changedPerStep;
  private final boolean clustered;
  private final Random random;
  private int cursor;

  ChangingInput(int size, double temporalSparsity, boolean clustered, long seed) {
    this.random = new Random(seed);
    this.values = new float[size];
    this.raised = new boolean[size];
    for (int i = 0; i < size; i++) {
      values[i] = 0.5f + random.nextFloat();
    }
    this.order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    this.changedPerStep = (int) Math.round((1.0 - temporalSparsity) * size);
    this.clustered = clustered;
  }

  /** Changes the next set of elements; returns the values (same array every time). */
  float[] advance() {
    int n = values.length;
    int start = clustered ? random.nextInt(n) : cursor;
    for (int k = 0; k < changedPerStep; k++) {
      int i = clustered ? (start + k) % n : order[(start + k) % n];
      values[i] += raised[i] ? -0.25f : 0.25f;
      raised[i] = !raised[i];
    }
    cursor = (cursor + changedPerStep) % n;
    return values;
  }

  int changedPerStep() {
    return changedPerStep;
  }
}
