package org.neurostream.delta.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Flatten;
import org.neurostream.delta.layer.Gru;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Quantize;
import org.neurostream.delta.layer.Shape;

/**
 * Reference forward pass: every layer recomputed from its full input at every step, in the textbook gather order
 * ({@code out = Σ in · w} per output) with float32 arithmetic. Thresholds are ignored. Its only state is the hidden
 * vector of each GRU. The delta network is checked against it. Not thread-safe.
 */
public final class DenseNetwork {

  private final NetworkSpec spec;
  private final List<float[]> hidden = new ArrayList<>();

  public DenseNetwork(NetworkSpec spec) {
    this.spec = spec;
    for (Layer layer : spec.layers()) {
      hidden.add(layer instanceof Gru g ? new float[g.hiddenSize()] : null);
    }
  }

  /** Zeroes every GRU hidden state. */
  public void reset() {
    for (float[] h : hidden) {
      if (h != null) {
        Arrays.fill(h, 0f);
      }
    }
  }

  /** Runs one time step; returns a new array with the last layer's output. */
  public float[] step(float[] input) {
    List<float[]> all = stepLayers(input);
    return all.get(all.size() - 1);
  }

  /** Runs one time step; returns every layer's output, in layer order (flatten shares its input's array). */
  public List<float[]> stepLayers(float[] input) {
    if (input.length != spec.inputShape().size()) {
      throw new IllegalArgumentException("Input has " + input.length + " values, the network expects "
          + spec.inputShape().size() + " (" + spec.inputShape() + ")");
    }
    float[] x = input.clone();
    List<float[]> outputs = new ArrayList<>();
    for (int i = 0; i < spec.layers().size(); i++) {
      x = forward(spec.layers().get(i), x, hidden.get(i));
      outputs.add(x);
    }
    return outputs;
  }

  private static float[] forward(Layer layer, float[] in, float[] hidden) {
    if (layer instanceof Dense d) {
      return dense(d, in);
    } else if (layer instanceof Conv2D c) {
      return conv(c, in);
    } else if (layer instanceof Pool2D p) {
      float[] out = new float[p.outputShape().size()];
      p.apply(in, out);
      return out;
    } else if (layer instanceof ActivationLayer a) {
      float[] out = new float[in.length];
      a.activation().apply(in, out, in.length);
      return out;
    } else if (layer instanceof Quantize q) {
      float[] out = new float[in.length];
      q.apply(in, out);
      return out;
    } else if (layer instanceof Flatten) {
      return in;
    } else if (layer instanceof Gru g) {
      return gru(g, in, hidden);
    }
    throw new IllegalArgumentException("Unknown layer type " + layer.kind());
  }

  private static float[] dense(Dense d, float[] in) {
    int n = d.outputSize();
    float[] out = new float[n];
    for (int o = 0; o < n; o++) {
      float s = d.bias()[o];
      for (int i = 0; i < d.inputSize(); i++) {
        s += in[i] * d.weights()[i * n + o];
      }
      out[o] = s;
    }
    return out;
  }

  private static float[] conv(Conv2D c, float[] in) {
    Shape is = c.inputShape();
    Shape os = c.outputShape();
    float[] out = new float[os.size()];
    for (int oy = 0; oy < os.height(); oy++) {
      for (int ox = 0; ox < os.width(); ox++) {
        for (int o = 0; o < os.channels(); o++) {
          float s = c.bias()[o];
          for (int ky = 0; ky < c.kernelHeight(); ky++) {
            int y = oy * c.stride() - c.padding() + ky;
            if (y < 0 || y >= is.height()) {
              continue;
            }
            for (int kx = 0; kx < c.kernelWidth(); kx++) {
              int x = ox * c.stride() - c.padding() + kx;
              if (x < 0 || x >= is.width()) {
                continue;
              }
              for (int ch = 0; ch < is.channels(); ch++) {
                s += in[is.index(y, x, ch)] * c.weights()[c.weightRowOffset(ky, kx, ch) + o];
              }
            }
          }
          out[os.index(oy, ox, o)] = s;
        }
      }
    }
    return out;
  }

  private static float[] gru(Gru g, float[] x, float[] h) {
    int hs = g.hiddenSize();
    int cols = 3 * hs;
    float[] gx = new float[cols];
    float[] gh = new float[cols];
    for (int o = 0; o < cols; o++) {
      float sx = g.inputBias()[o];
      for (int i = 0; i < g.inputSize(); i++) {
        sx += x[i] * g.inputWeights()[i * cols + o];
      }
      gx[o] = sx;
      float sh = g.hiddenBias()[o];
      for (int i = 0; i < hs; i++) {
        sh += h[i] * g.hiddenWeights()[i * cols + o];
      }
      gh[o] = sh;
    }
    float[] out = new float[hs];
    GruCell.combine(gx, gh, h, out, hs);
    System.arraycopy(out, 0, h, 0, hs);
    return out;
  }
}
