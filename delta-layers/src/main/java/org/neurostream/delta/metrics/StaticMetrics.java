package org.neurostream.delta.metrics;

import java.util.List;
import java.util.Map;
import org.neurostream.delta.layer.Layer;

/** Metrics that depend on the network alone, not on its input: connection sparsity and parameter footprint. */
public final class StaticMetrics {

  private StaticMetrics() {
  }

  /**
   * NeuroBench connection sparsity: zero weights over all weights of the weight tensors (parameters whose name
   * contains "eights"; biases excluded). 0 for a network without weights.
   */
  public static double connectionSparsity(List<Layer> layers) {
    long zeros = 0;
    long all = 0;
    for (Layer layer : layers) {
      for (Map.Entry<String, float[]> p : layer.parameters().entrySet()) {
        if (!p.getKey().toLowerCase().contains("weights")) {
          continue;
        }
        for (float w : p.getValue()) {
          if (w == 0f) {
            zeros++;
          }
        }
        all += p.getValue().length;
      }
    }
    return all == 0 ? 0.0 : (double) zeros / all;
  }

  /** Bytes of all parameters (weights and biases) stored as float32. */
  public static long parameterBytes(List<Layer> layers) {
    long n = 0;
    for (Layer layer : layers) {
      n += layer.parameterCount();
    }
    return n * Float.BYTES;
  }
}
