package org.neurostream.delta.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.neurostream.delta.layer.Activation;
import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Flatten;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Quantize;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.delta.train.MovingShapes.Sequence;

/**
 * A per-frame CNN trained by {@link SparsityTrainer} with the temporal-sparsity objective: 2-D convolutions (stride,
 * zero padding; HWC tensors, weights {@code [kh, kw, inC, outC]} as in the inference format), ReLU optionally followed
 * by a quantizer with a trainable step, max or average pooling, flatten and dense layers. The last layer's outputs
 * are a frame's class logits; a sequence's logits are their mean over frames. Built with {@link #builder}; parameters
 * are mutable arrays updated in place; {@link #toSpec()} exports a copy in the inference format. Not thread-safe.
 */
public final class QuantizedCnn {

  private final Shape inputShape;
  private final List<Stage> stages;
  /** Every weight and bias array, in stage order (weights then bias); the trainer's parameter list. */
  final float[][] parameters;
  /** Quantization step of each quantized ReLU, in stage order. */
  final double[] steps;

  private QuantizedCnn(Shape inputShape, List<Stage> stages, float[][] parameters, double[] steps) {
    this.inputShape = inputShape;
    this.stages = stages;
    this.parameters = parameters;
    this.steps = steps;
  }

  /** Starts a network for frames of {@code inputShape}; weights are He-initialised from {@code seed}. */
  public static Builder builder(Shape inputShape, long seed) {
    return new Builder(inputShape, seed);
  }

  public Shape inputShape() {
    return inputShape;
  }

  /** Quantization step of quantized ReLU {@code q} (0-based, in stage order). */
  public double step(int q) {
    return steps[q];
  }

  /** The network in the inference format, thresholds 0 (the quantizers make unchanged activations exactly equal). */
  public NetworkSpec toSpec() {
    List<Layer> layers = new ArrayList<>();
    for (Stage s : stages) {
      s.export(layers, parameters, steps);
    }
    return NetworkSpec.withUniformThreshold(inputShape, layers, 0f);
  }

  /**
   * Loss of one sequence, {@code CE(softmax(mean_t logits_t), y) + λ · Σ_k (fanOut_k / n_k) · mean_{t≥1}
   * ‖x_{k,t} − x_{k,t−1}‖₁} over the inputs {@code x_k} of every weighted layer but the first (whose input is the
   * video), and its gradient accumulated into {@code gParameters} (shaped like {@link #parameters}) and
   * {@code gSteps}. Quantizers use straight-through rounding; their steps learn from the task loss only (see
   * {@link SparsityTrainer}).
   */
  double backprop(Sequence seq, double lambda, float[][] gParameters, double[] gSteps) {
    int frames = seq.frames().length;
    int n = stages.size();
    float[][][] acts = new float[n + 1][frames][];
    for (int t = 0; t < frames; t++) {
      acts[0][t] = seq.frames()[t];
      for (int k = 0; k < n; k++) {
        acts[k + 1][t] = stages.get(k).forward(acts[k][t], parameters, steps);
      }
    }
    int classes = stages.get(n - 1).out.size();
    double[] logits = new double[classes];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < classes; c++) {
        logits[c] += acts[n][t][c] / (double) frames;
      }
    }
    double[] p = SparsityTrainer.softmax(logits);
    double loss = -Math.log(Math.max(p[seq.label()], 1e-12));
    float[][] gTask = new float[frames][classes];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < classes; c++) {
        gTask[t][c] = (float) ((p[c] - (c == seq.label() ? 1 : 0)) / frames);
      }
    }
    // The sparsity gradient travels separately (gSparse) down to the next weighted layer or quantizer, so that a
    // quantizer's step sees the task gradient only.
    float[][] gSparse = null;
    int firstWeighted = -1;
    for (int k = 0; k < n; k++) {
      if (stages.get(k).fanOut() > 0) {
        firstWeighted = k;
        break;
      }
    }
    for (int k = n - 1; k >= 0; k--) {
      Stage s = stages.get(k);
      float[][] nextTask = new float[frames][];
      float[][] nextSparse = null;
      if (s instanceof Pool || s instanceof FlattenStage) {
        nextSparse = gSparse == null ? null : new float[frames][];
        for (int t = 0; t < frames; t++) {
          nextTask[t] = s.backward(acts[k][t], acts[k + 1][t], gTask[t], parameters, gParameters, steps);
          if (gSparse != null) {
            nextSparse[t] = s.backward(acts[k][t], acts[k + 1][t], gSparse[t], parameters, gParameters, steps);
          }
        }
      } else {
        for (int t = 0; t < frames; t++) {
          float[] g = gTask[t];
          if (gSparse != null) {
            g = g.clone();
            for (int i = 0; i < g.length; i++) {
              g[i] += gSparse[t][i];
            }
          }
          if (s instanceof ReluQuant rq && rq.stepIndex >= 0) {
            gSteps[rq.stepIndex] += rq.stepGradient(acts[k][t], gTask[t], steps);
          }
          nextTask[t] = s.backward(acts[k][t], acts[k + 1][t], g, parameters, gParameters, steps);
        }
        if (s.fanOut() > 0 && k != firstWeighted && lambda > 0 && frames > 1) {
          int size = s.in.size();
          double c = lambda * s.fanOut() / size / (frames - 1);
          nextSparse = new float[frames][size];
          for (int t = 1; t < frames; t++) {
            float[] now = acts[k][t];
            float[] before = acts[k][t - 1];
            for (int i = 0; i < size; i++) {
              float diff = now[i] - before[i];
              loss += c * Math.abs(diff);
              float sign = (float) (c * Math.signum(diff));
              nextSparse[t][i] += sign;
              nextSparse[t - 1][i] -= sign;
            }
          }
        }
      }
      gTask = nextTask;
      gSparse = nextSparse;
    }
    return loss;
  }

  /** Adds layers in order; each layer's input shape is the previous layer's output shape. */
  public static final class Builder {
    private final Shape inputShape;
    private final Random random;
    private final List<Stage> stages = new ArrayList<>();
    private final List<float[]> parameters = new ArrayList<>();
    private final List<Double> steps = new ArrayList<>();
    private Shape current;

    private Builder(Shape inputShape, long seed) {
      this.inputShape = inputShape;
      this.current = inputShape;
      this.random = new Random(seed);
    }

    /** 2-D convolution {@code kernel × kernel → outChannels} with {@code stride} and zero {@code padding}. */
    public Builder conv(int outChannels, int kernel, int stride, int padding) {
      int fanIn = kernel * kernel * current.channels();
      // Validates the geometry with the inference layer's own checks.
      Conv2D probe = new Conv2D(current, outChannels, kernel, kernel, stride, padding,
          new float[fanIn * outChannels], new float[outChannels]);
      return add(new Conv(current, probe.outputShape(), kernel, stride, padding, parameters.size()),
          he(fanIn, fanIn * outChannels), new float[outChannels]);
    }

    /** ReLU followed by a quantizer whose trainable step starts at {@code initialStep}. */
    public Builder quantizedRelu(double initialStep) {
      if (!(initialStep > 0)) {
        throw new IllegalArgumentException("quantizer step must be > 0, got " + initialStep);
      }
      steps.add(initialStep);
      return add(new ReluQuant(current, steps.size() - 1));
    }

    /** Plain ReLU. */
    public Builder relu() {
      return add(new ReluQuant(current, -1));
    }

    /** Pooling with a {@code size × size} window and {@code stride}, no padding. */
    public Builder pool(Pool2D.Kind kind, int size, int stride) {
      Pool2D probe = new Pool2D(current, kind, size, stride);
      return add(new Pool(current, probe.outputShape(), kind, size, stride));
    }

    public Builder flatten() {
      return add(new FlattenStage(current));
    }

    /** Dense layer to {@code outputs}; its input must be a vector (use {@link #flatten()} after a convolution). */
    public Builder dense(int outputs) {
      if (current.height() != 1 || current.width() != 1) {
        throw new IllegalArgumentException("dense needs a flattened input, got " + current);
      }
      int in = current.size();
      return add(new DenseStage(current, Shape.vector(outputs), parameters.size()), he(in, in * outputs),
          new float[outputs]);
    }

    public QuantizedCnn build() {
      if (stages.isEmpty() || stages.get(stages.size() - 1).fanOut() == 0) {
        throw new IllegalArgumentException("the network must end with a dense or conv layer (the logits)");
      }
      double[] s = steps.stream().mapToDouble(Double::doubleValue).toArray();
      return new QuantizedCnn(inputShape, List.copyOf(stages), parameters.toArray(new float[0][]), s);
    }

    private Builder add(Stage s, float[]... params) {
      stages.add(s);
      parameters.addAll(List.of(params));
      current = s.out;
      return this;
    }

    private float[] he(int fanIn, int n) {
      float[] w = new float[n];
      double sd = Math.sqrt(2.0 / fanIn);
      for (int i = 0; i < n; i++) {
        w[i] = (float) (random.nextGaussian() * sd);
      }
      return w;
    }
  }

  /** One layer with its forward and backward pass. */
  private abstract static class Stage {
    final Shape in;
    final Shape out;

    Stage(Shape in, Shape out) {
      this.in = in;
      this.out = out;
    }

    abstract float[] forward(float[] x, float[][] params, double[] steps);

    /** Gradient w.r.t. the input from {@code gy}; accumulates parameter gradients. */
    abstract float[] backward(float[] x, float[] y, float[] gy, float[][] params, float[][] gParameters,
                              double[] steps);

    /** Weight rows touched per changed input (0 for layers without weights). */
    double fanOut() {
      return 0;
    }

    abstract void export(List<Layer> layers, float[][] params, double[] steps);
  }

  private static final class Conv extends Stage {
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int param;

    Conv(Shape in, Shape out, int kernel, int stride, int padding, int param) {
      super(in, out);
      this.kernel = kernel;
      this.stride = stride;
      this.padding = padding;
      this.param = param;
    }

    @Override
    float[] forward(float[] x, float[][] params, double[] steps) {
      float[] w = params[param];
      float[] y = new float[out.size()];
      int oc = out.channels();
      for (int o = 0; o < out.height() * out.width(); o++) {
        System.arraycopy(params[param + 1], 0, y, o * oc, oc);
      }
      visit(x, (xi, xv, wBase, yBase) -> {
        for (int c = 0; c < oc; c++) {
          y[yBase + c] += xv * w[wBase + c];
        }
      });
      return y;
    }

    @Override
    float[] backward(float[] x, float[] y, float[] gy, float[][] params, float[][] gParameters, double[] steps) {
      float[] w = params[param];
      float[] gw = gParameters[param];
      float[] gb = gParameters[param + 1];
      float[] gx = new float[in.size()];
      int oc = out.channels();
      for (int o = 0; o < out.height() * out.width(); o++) {
        for (int c = 0; c < oc; c++) {
          gb[c] += gy[o * oc + c];
        }
      }
      visit(x, (xi, xv, wBase, yBase) -> {
        float sum = 0f;
        for (int c = 0; c < oc; c++) {
          float g = gy[yBase + c];
          gw[wBase + c] += xv * g;
          sum += w[wBase + c] * g;
        }
        gx[xi] += sum;
      });
      return gx;
    }

    /** Calls {@code body} for every (input element, kernel tap, output position) pair inside the image. */
    private void visit(float[] x, Tap body) {
      int ic = in.channels();
      int oc = out.channels();
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          int yBase = (oy * out.width() + ox) * oc;
          for (int ky = 0; ky < kernel; ky++) {
            int iy = oy * stride - padding + ky;
            if (iy < 0 || iy >= in.height()) {
              continue;
            }
            for (int kx = 0; kx < kernel; kx++) {
              int ix = ox * stride - padding + kx;
              if (ix < 0 || ix >= in.width()) {
                continue;
              }
              int xBase = (iy * in.width() + ix) * ic;
              int wRow = (ky * kernel + kx) * ic;
              for (int c = 0; c < ic; c++) {
                body.apply(xBase + c, x[xBase + c], (wRow + c) * oc, yBase);
              }
            }
          }
        }
      }
    }

    @Override
    double fanOut() {
      return (double) kernel * kernel * out.channels() / ((double) stride * stride);
    }

    @Override
    void export(List<Layer> layers, float[][] params, double[] steps) {
      layers.add(new Conv2D(in, out.channels(), kernel, kernel, stride, padding, params[param].clone(),
          params[param + 1].clone()));
    }
  }

  @FunctionalInterface
  private interface Tap {
    void apply(int xIndex, float xValue, int weightBase, int outputBase);
  }

  private static final class DenseStage extends Stage {
    private final int param;

    DenseStage(Shape in, Shape out, int param) {
      super(in, out);
      this.param = param;
    }

    @Override
    float[] forward(float[] x, float[][] params, double[] steps) {
      float[] w = params[param];
      float[] y = params[param + 1].clone();
      int o = out.size();
      for (int i = 0; i < x.length; i++) {
        float xv = x[i];
        if (xv == 0f) {
          continue;
        }
        for (int j = 0; j < o; j++) {
          y[j] += xv * w[i * o + j];
        }
      }
      return y;
    }

    @Override
    float[] backward(float[] x, float[] y, float[] gy, float[][] params, float[][] gParameters, double[] steps) {
      float[] w = params[param];
      float[] gw = gParameters[param];
      float[] gb = gParameters[param + 1];
      int o = out.size();
      float[] gx = new float[x.length];
      for (int j = 0; j < o; j++) {
        gb[j] += gy[j];
      }
      for (int i = 0; i < x.length; i++) {
        float xv = x[i];
        float sum = 0f;
        for (int j = 0; j < o; j++) {
          gw[i * o + j] += xv * gy[j];
          sum += w[i * o + j] * gy[j];
        }
        gx[i] = sum;
      }
      return gx;
    }

    @Override
    double fanOut() {
      return out.size();
    }

    @Override
    void export(List<Layer> layers, float[][] params, double[] steps) {
      layers.add(new Dense(in.size(), out.size(), params[param].clone(), params[param + 1].clone()));
    }
  }

  /** ReLU, then (if {@code stepIndex ≥ 0}) {@code s · round(a / s)} with straight-through rounding. */
  private static final class ReluQuant extends Stage {
    private final int stepIndex;

    ReluQuant(Shape in, int stepIndex) {
      super(in, in);
      this.stepIndex = stepIndex;
    }

    @Override
    float[] forward(float[] x, float[][] params, double[] steps) {
      float[] y = new float[x.length];
      float step = stepIndex < 0 ? 0f : (float) steps[stepIndex];
      for (int i = 0; i < x.length; i++) {
        float a = x[i] > 0f ? x[i] : 0f;
        y[i] = stepIndex < 0 ? a : step * Math.round(a / step);
      }
      return y;
    }

    @Override
    float[] backward(float[] x, float[] y, float[] gy, float[][] params, float[][] gParameters, double[] steps) {
      float[] gx = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        if (x[i] > 0f) {
          gx[i] = gy[i];
        }
      }
      return gx;
    }

    /** LSQ step gradient {@code Σ g · (round(a/s) − a/s)} over the active inputs. */
    double stepGradient(float[] x, float[] gy, double[] steps) {
      double step = steps[stepIndex];
      double gs = 0;
      for (int i = 0; i < x.length; i++) {
        if (x[i] > 0f) {
          double ratio = x[i] / step;
          gs += gy[i] * (Math.round(ratio) - ratio);
        }
      }
      return gs;
    }

    @Override
    void export(List<Layer> layers, float[][] params, double[] steps) {
      layers.add(new ActivationLayer(in, Activation.RELU));
      if (stepIndex >= 0) {
        layers.add(new Quantize(in, (float) steps[stepIndex]));
      }
    }
  }

  private static final class Pool extends Stage {
    private final Pool2D.Kind kind;
    private final int size;
    private final int stride;

    Pool(Shape in, Shape out, Pool2D.Kind kind, int size, int stride) {
      super(in, out);
      this.kind = kind;
      this.size = size;
      this.stride = stride;
    }

    @Override
    float[] forward(float[] x, float[][] params, double[] steps) {
      float[] y = new float[out.size()];
      new Pool2D(in, kind, size, stride).apply(x, y);
      return y;
    }

    @Override
    float[] backward(float[] x, float[] y, float[] gy, float[][] params, float[][] gParameters, double[] steps) {
      float[] gx = new float[x.length];
      int ch = in.channels();
      float avg = 1f / (size * size);
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          for (int c = 0; c < ch; c++) {
            int o = (oy * out.width() + ox) * ch + c;
            int best = -1;
            for (int ky = 0; ky < size; ky++) {
              for (int kx = 0; kx < size; kx++) {
                int i = ((oy * stride + ky) * in.width() + ox * stride + kx) * ch + c;
                if (kind == Pool2D.Kind.AVG) {
                  gx[i] += gy[o] * avg;
                } else if (best < 0 || x[i] > x[best]) {
                  best = i;
                }
              }
            }
            if (kind == Pool2D.Kind.MAX) {
              gx[best] += gy[o];
            }
          }
        }
      }
      return gx;
    }

    @Override
    void export(List<Layer> layers, float[][] params, double[] steps) {
      layers.add(new Pool2D(in, kind, size, stride));
    }
  }

  private static final class FlattenStage extends Stage {
    FlattenStage(Shape in) {
      super(in, Shape.vector(in.size()));
    }

    @Override
    float[] forward(float[] x, float[][] params, double[] steps) {
      return x;
    }

    @Override
    float[] backward(float[] x, float[] y, float[] gy, float[][] params, float[][] gParameters, double[] steps) {
      return gy;
    }

    @Override
    void export(List<Layer> layers, float[][] params, double[] steps) {
      layers.add(new Flatten(in));
    }
  }
}
