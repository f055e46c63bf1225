package org.neurostream.delta.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.neurostream.delta.train.MovingShapes.Sequence;

/**
 * Trains a {@link QuantizedMlp} or a {@link QuantizedCnn} on labelled sequences with the temporal-sparsity objective
 * of the Delta Activation Layer paper (Yousefzadeh et al. 2019; sigma-delta / delta networks):
 * <pre>
 *   loss = CE(softmax(mean_t logits_t), y) + λ · Σ_l (fanOut_l / n_l) · mean_{t≥1} ‖q_{l,t} − q_{l,t−1}‖₁
 * </pre>
 * over the hidden layers {@code l} with {@code n_l} neurons and fan-out {@code fanOut_l} (size of the next layer).
 * Quantizers {@code q = s · round(a / s)} use straight-through rounding: {@code ∂q/∂a = 1},
 * {@code ∂q/∂s = round(a/s) − a/s} (the LSQ step gradient, driven by the task loss only). Hand-written backpropagation, Adam, mini-batches of
 * sequences. λ = 0 trains the baseline. Deterministic for a given configuration. Not thread-safe.
 */
public final class SparsityTrainer {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;
  private static final double MIN_STEP = 1e-3;

  private final TrainingConfig config;

  public SparsityTrainer(TrainingConfig config) {
    this.config = config;
  }

  /** Trains a freshly initialised network. */
  public QuantizedMlp trainFromScratch(List<Sequence> data, int classes) {
    if (config.hidden().length == 0) {
      throw new IllegalArgumentException("an MLP needs at least one hidden layer in the training configuration");
    }
    int input = data.get(0).frames()[0].length;
    QuantizedMlp model = QuantizedMlp.initialise(input, config.hidden(), classes, config.initialStep(),
        config.seed());
    train(model, data);
    return model;
  }

  /** Continues training {@code model} in place (e.g. refinement of a dense-trained model with λ > 0). */
  public void train(QuantizedMlp model, List<Sequence> data) {
    int layers = model.layerCount();
    float[][] params = new float[2 * layers][];
    for (int l = 0; l < layers; l++) {
      params[2 * l] = model.weights[l];
      params[2 * l + 1] = model.biases[l];
    }
    Gradients g = new Gradients(model);
    float[][] grads = new float[2 * layers][];
    for (int l = 0; l < layers; l++) {
      grads[2 * l] = g.w[l];
      grads[2 * l + 1] = g.b[l];
    }
    optimise(params, model.steps, grads, g.s, data, seq -> backprop(model, seq, g));
  }

  /**
   * Trains a {@link QuantizedCnn} in place with the same objective, optimiser and schedule as the MLP; the loss is
   * {@link QuantizedCnn#backprop}.
   */
  public void train(QuantizedCnn model, List<Sequence> data) {
    float[][] grads = new float[model.parameters.length][];
    for (int i = 0; i < grads.length; i++) {
      grads[i] = new float[model.parameters[i].length];
    }
    double[] gSteps = new double[model.steps.length];
    optimise(model.parameters, model.steps, grads, gSteps, data,
        seq -> model.backprop(seq, config.sparsityWeight(), grads, gSteps));
  }

  /** Adam over mini-batches of shuffled sequences; {@code lossGradient} accumulates into {@code grads}/{@code gSteps}. */
  private void optimise(float[][] params, double[] steps, float[][] grads, double[] gSteps, List<Sequence> data,
                        java.util.function.ToDoubleFunction<Sequence> lossGradient) {
    Adam[] adam = new Adam[params.length];
    for (int i = 0; i < params.length; i++) {
      adam[i] = new Adam(params[i].length);
    }
    Adam s = new Adam(steps.length);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      order.add(i);
    }
    Random shuffle = new Random(config.seed() + 1);
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      Collections.shuffle(order, shuffle);
      for (int start = 0; start < order.size(); start += config.batchSize()) {
        int end = Math.min(order.size(), start + config.batchSize());
        for (float[] g : grads) {
          java.util.Arrays.fill(g, 0f);
        }
        java.util.Arrays.fill(gSteps, 0.0);
        for (int k = start; k < end; k++) {
          lossGradient.applyAsDouble(data.get(order.get(k)));
        }
        double scale = 1.0 / (end - start);
        for (int i = 0; i < params.length; i++) {
          adam[i].update(params[i], grads[i], scale, config.learningRate());
        }
        s.update(steps, gSteps, scale, config.learningRate());
        for (int l = 0; l < steps.length; l++) {
          steps[l] = Math.max(MIN_STEP, steps[l]);
        }
      }
    }
  }

  /** Accumulates the gradient of one sequence's loss into {@code g}; returns the loss. */
  double backprop(QuantizedMlp m, Sequence seq, Gradients g) {
    int frames = seq.frames().length;
    int layers = m.layerCount();
    int[] n = m.sizes;
    // Forward, keeping z and q per layer and frame. q[0] is the input.
    float[][][] z = new float[layers + 1][frames][];
    float[][][] q = new float[layers + 1][frames][];
    for (int t = 0; t < frames; t++) {
      q[0][t] = seq.frames()[t];
      for (int l = 0; l < layers; l++) {
        float[] zz = matVec(q[l][t], m.weights[l], m.biases[l], n[l], n[l + 1]);
        z[l + 1][t] = zz;
        if (l < layers - 1) {
          float step = (float) m.steps[l];
          float[] qq = new float[zz.length];
          for (int j = 0; j < zz.length; j++) {
            float a = zz[j] > 0f ? zz[j] : 0f;
            qq[j] = step * Math.round(a / step);
          }
          q[l + 1][t] = qq;
        }
      }
    }
    int classes = n[layers];
    double[] logits = new double[classes];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < classes; c++) {
        logits[c] += z[layers][t][c] / (double) frames;
      }
    }
    double[] p = softmax(logits);
    double loss = -Math.log(Math.max(p[seq.label()], 1e-12));
    // Backward.
    float[][] gz = new float[frames][classes];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < classes; c++) {
        gz[t][c] = (float) ((p[c] - (c == seq.label() ? 1 : 0)) / frames);
      }
    }
    double lambda = config.sparsityWeight();
    for (int l = layers - 1; l >= 0; l--) {
      int in = n[l];
      int out = n[l + 1];
      for (int t = 0; t < frames; t++) {
        float[] x = q[l][t];
        float[] d = gz[t];
        for (int i = 0; i < in; i++) {
          float xi = x[i];
          if (xi == 0f) {
            continue;
          }
          int row = i * out;
          for (int j = 0; j < out; j++) {
            g.w[l][row + j] += xi * d[j];
          }
        }
        for (int j = 0; j < out; j++) {
          g.b[l][j] += d[j];
        }
      }
      if (l == 0) {
        break;
      }
      // Gradient w.r.t. q of hidden layer l (the output of weights[l-1], quantizer steps[l-1]).
      float[][] gq = new float[frames][in];
      for (int t = 0; t < frames; t++) {
        float[] d = gz[t];
        for (int i = 0; i < in; i++) {
          float sum = 0f;
          int row = i * out;
          for (int j = 0; j < out; j++) {
            sum += m.weights[l][row + j] * d[j];
          }
          gq[t][i] = sum;
        }
      }
      // The step learns from the task loss only: through the sparsity term its gradient would shrink the step
      // (|Δq| = s·|Δbins| falls with s) while the number of non-zero deltas grows, the opposite of the aim.
      double step = m.steps[l - 1];
      double gs = 0;
      for (int t = 0; t < frames; t++) {
        float[] zz = z[l][t];
        for (int i = 0; i < in; i++) {
          if (zz[i] > 0f) {
            double ratio = zz[i] / step;
            gs += gq[t][i] * (Math.round(ratio) - ratio);
          }
        }
      }
      if (lambda > 0 && frames > 1) {
        double c = lambda * out / (double) in / (frames - 1);
        for (int t = 1; t < frames; t++) {
          for (int i = 0; i < in; i++) {
            float diff = q[l][t][i] - q[l][t - 1][i];
            loss += c * Math.abs(diff);
            float sign = Math.signum(diff);
            gq[t][i] += (float) (c * sign);
            gq[t - 1][i] -= (float) (c * sign);
          }
        }
      }
      float[][] next = new float[frames][in];
      for (int t = 0; t < frames; t++) {
        float[] zz = z[l][t];
        for (int i = 0; i < in; i++) {
          if (zz[i] > 0f) {
            next[t][i] = gq[t][i];
          }
        }
      }
      g.s[l - 1] += gs;
      gz = next;
    }
    return loss;
  }

  private static float[] matVec(float[] x, float[] w, float[] b, int in, int out) {
    float[] z = b.clone();
    for (int i = 0; i < in; i++) {
      float xi = x[i];
      if (xi == 0f) {
        continue;
      }
      int row = i * out;
      for (int j = 0; j < out; j++) {
        z[j] += xi * w[row + j];
      }
    }
    return z;
  }

  static double[] softmax(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      max = Math.max(max, x);
    }
    double sum = 0;
    double[] p = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      p[i] = Math.exp(v[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < v.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** Gradient accumulators shaped like a model's parameters. */
  static final class Gradients {
    final float[][] w;
    final float[][] b;
    final double[] s;

    Gradients(QuantizedMlp m) {
      w = new float[m.layerCount()][];
      b = new float[m.layerCount()][];
      for (int l = 0; l < m.layerCount(); l++) {
        w[l] = new float[m.weights[l].length];
        b[l] = new float[m.biases[l].length];
      }
      s = new double[m.steps.length];
    }
  }

  /** Adam moments for one parameter array. */
  private static final class Adam {
    private final double[] m;
    private final double[] v;
    private int t;

    Adam(int n) {
      m = new double[n];
      v = new double[n];
    }

    void update(float[] p, float[] g, double scale, double lr) {
      t++;
      double c1 = 1 - Math.pow(BETA1, t);
      double c2 = 1 - Math.pow(BETA2, t);
      for (int i = 0; i < p.length; i++) {
        double gi = g[i] * scale;
        m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
        v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
        p[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS));
      }
    }

    void update(double[] p, double[] g, double scale, double lr) {
      t++;
      double c1 = 1 - Math.pow(BETA1, t);
      double c2 = 1 - Math.pow(BETA2, t);
      for (int i = 0; i < p.length; i++) {
        double gi = g[i] * scale;
        m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
        v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
        p[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
      }
    }
  }
}
