package org.neurostream.delta.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.neurostream.delta.layer.Activation;
import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Flatten;
import org.neurostream.delta.layer.Gru;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Shape;

/** Random networks and input sequences for tests, fully determined by a seed. */
public final class RandomNetworks {

  /** Network families the generators draw from. */
  public enum Family { MLP, CNN, GRU }

  private RandomNetworks() {
  }

  public static NetworkSpec network(Family family, long seed, float threshold, boolean sparseWeights) {
    Random r = new Random(seed);
    List<Layer> layers = new ArrayList<>();
    Shape input;
    switch (family) {
      case MLP -> {
        int in = 3 + r.nextInt(30);
        input = Shape.vector(in);
        int h = 2 + r.nextInt(24);
        layers.add(dense(r, in, h, sparseWeights));
        layers.add(new ActivationLayer(Shape.vector(h), activation(r)));
        int o = 1 + r.nextInt(8);
        layers.add(dense(r, h, o, sparseWeights));
      }
      case CNN -> {
        int size = 6 + r.nextInt(7);
        int channels = 1 + r.nextInt(3);
        input = new Shape(size, size, channels);
        int k = 1 + r.nextInt(3);
        int stride = 1 + r.nextInt(2);
        int pad = r.nextInt(k);
        int oc = 1 + r.nextInt(6);
        Conv2D conv = new Conv2D(input, oc, k, k, stride, pad, weights(r, k * k * channels * oc, sparseWeights),
            weights(r, oc, false));
        layers.add(conv);
        layers.add(new ActivationLayer(conv.outputShape(), activation(r)));
        Shape s = conv.outputShape();
        if (s.height() >= 2 && s.width() >= 2) {
          Pool2D pool = new Pool2D(s, r.nextBoolean() ? Pool2D.Kind.MAX : Pool2D.Kind.AVG, 2, 1 + r.nextInt(2));
          layers.add(pool);
          s = pool.outputShape();
        }
        layers.add(new Flatten(s));
        layers.add(dense(r, s.size(), 1 + r.nextInt(6), sparseWeights));
      }
      case GRU -> {
        int in = 2 + r.nextInt(12);
        input = Shape.vector(in);
        int h = 2 + r.nextInt(12);
        int g = 2 + r.nextInt(12);
        layers.add(dense(r, in, h, sparseWeights));
        layers.add(new ActivationLayer(Shape.vector(h), Activation.RELU));
        layers.add(new Gru(h, g, weights(r, h * 3 * g, sparseWeights), weights(r, g * 3 * g, sparseWeights),
            weights(r, 3 * g, false), weights(r, 3 * g, false)));
        layers.add(dense(r, g, 1 + r.nextInt(5), sparseWeights));
      }
      default -> throw new IllegalArgumentException(family.name());
    }
    return NetworkSpec.withUniformThreshold(input, layers, threshold);
  }

  private static Dense dense(Random r, int in, int out, boolean sparse) {
    return new Dense(in, out, weights(r, in * out, sparse), weights(r, out, false));
  }

  private static Activation activation(Random r) {
    Activation[] a = Activation.values();
    return a[r.nextInt(a.length)];
  }

  static float[] weights(Random r, int n, boolean sparse) {
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = sparse && r.nextInt(3) == 0 ? 0f : (float) (r.nextGaussian() * 0.5);
    }
    return w;
  }

  /**
   * A sequence where each step keeps each value with probability {@code keep}, otherwise redraws it (half of the
   * redraws zero), so inputs have both temporal and activation sparsity.
   */
  public static float[][] sequence(long seed, int steps, int size, double keep) {
    Random r = new Random(seed);
    float[][] s = new float[steps][size];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < size; i++) {
        if (t > 0 && r.nextDouble() < keep) {
          s[t][i] = s[t - 1][i];
        } else {
          s[t][i] = r.nextBoolean() ? 0f : (float) (r.nextGaussian() * 2.0);
        }
      }
    }
    return s;
  }

  /** {@code max |a − b|}. */
  public static double maxAbsDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs((double) a[i] - b[i]));
    }
    return m;
  }

  /** {@code max |a|}. */
  public static double maxAbs(float[] a) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
