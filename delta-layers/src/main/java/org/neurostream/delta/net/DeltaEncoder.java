package org.neurostream.delta.net;

import java.util.Arrays;

/**
 * The Delta Activation Layer proper: remembers, per neuron, the last value it transmitted and emits
 * {@code Δ = x − last} only where {@code |Δ| > threshold}, then sets {@code last = x} for those neurons. The others keep
 * their old {@code last}, so their untransmitted change stays as a residue {@code x − last} (never more than the
 * threshold) and is sent as soon as it accumulates past the threshold: errors do not build up over time.
 * Not thread-safe.
 */
final class DeltaEncoder {

  private final float threshold;
  private final float[] last;
  private final int[] indices;
  private final float[] deltas;
  private int count;
  private int nonZeroInputs;

  DeltaEncoder(int size, float threshold) {
    this.threshold = threshold;
    this.last = new float[size];
    this.indices = new int[size];
    this.deltas = new float[size];
  }

  /** Compares {@code x} with the last transmitted values; returns the number of deltas emitted. */
  int encode(float[] x) {
    int n = 0;
    int nonZero = 0;
    float t = threshold;
    for (int i = 0; i < last.length; i++) {
      float v = x[i];
      float d = v - last[i];
      if (v != 0f) {
        nonZero++;
      }
      if (Math.abs(d) > t) {
        indices[n] = i;
        deltas[n] = d;
        last[i] = v;
        n++;
      }
    }
    count = n;
    nonZeroInputs = nonZero;
    return n;
  }

  /** Marks {@code x} as fully transmitted (used after a full recompute of the next layer). */
  void transmitAll(float[] x) {
    System.arraycopy(x, 0, last, 0, last.length);
  }

  int count() {
    return count;
  }

  /** Non-zero values in the input of the last {@link #encode}. */
  int nonZeroInputs() {
    return nonZeroInputs;
  }

  int[] indices() {
    return indices;
  }

  float[] deltas() {
    return deltas;
  }

  int size() {
    return last.length;
  }

  /** The last transmitted values (state). */
  float[] last() {
    return last;
  }

  void reset() {
    Arrays.fill(last, 0f);
    count = 0;
  }
}
