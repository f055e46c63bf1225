package org.neurostream.delta.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.train.MovingShapes.Sequence;

/** Convolutional backpropagation of {@link QuantizedCnn} and its training with the temporal-sparsity objective. */
class QuantizedCnnTest {

  /** Tiny CNN without quantizers (so the loss is piecewise smooth): conv s2 p1, conv s1 p0, pool, dense. */
  private static QuantizedCnn tiny(Pool2D.Kind pool) {
    return QuantizedCnn.builder(new Shape(7, 7, 2), 3).conv(3, 3, 2, 1).relu().conv(4, 2, 1, 0).relu()
        .pool(pool, 2, 1).flatten().dense(3).build();
  }

  private static Sequence randomSequence(Random r, Shape shape, int frames) {
    float[][] f = new float[frames][shape.size()];
    for (float[] frame : f) {
      for (int i = 0; i < frame.length; i++) {
        frame[i] = (float) r.nextGaussian();
      }
    }
    return new Sequence(f, 1);
  }

  @ParameterizedTest
  @EnumSource(Pool2D.Kind.class)
  void convolutionGradientMatchesFiniteDifferences(Pool2D.Kind pool) {
    QuantizedCnn m = tiny(pool);
    Sequence seq = randomSequence(new Random(9), m.inputShape(), 3);
    double lambda = 0.05;
    float[][] grads = zeros(m.parameters);
    m.backprop(seq, lambda, grads, new double[0]);
    double eps = 1e-3;
    int checked = 0;
    for (int a = 0; a < m.parameters.length; a++) {
      float[] p = m.parameters[a];
      for (int i = 0; i < p.length; i++) {
        float keep = p[i];
        p[i] = (float) (keep + eps);
        double up = m.backprop(seq, lambda, zeros(m.parameters), new double[0]);
        p[i] = (float) (keep - eps);
        double down = m.backprop(seq, lambda, zeros(m.parameters), new double[0]);
        p[i] = keep;
        double numeric = (up - down) / (2 * eps);
        assertThat((double) grads[a][i]).as("parameter array %d index %d", a, i)
            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 0.02 * Math.abs(numeric)));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(3 * 3 * 2 * 3 + 3 + 2 * 2 * 3 * 4 + 4 + 4 * 4 * 3 + 3);
  }

  @Test
  void exportedSpecReproducesTheTrainingForwardPass() {
    QuantizedCnn m = QuantizedCnn.builder(new Shape(12, 12, 1), 4).conv(4, 3, 2, 1).quantizedRelu(0.25)
        .conv(8, 3, 2, 1).quantizedRelu(0.25).pool(Pool2D.Kind.MAX, 3, 3).flatten().dense(4).build();
    List<Sequence> data = MovingShapes.generate(40, 4, 12, 3);
    // The training pass's class (lowest cross-entropy = largest mean logit) agrees with the inference engine's.
    int correct = 0;
    for (Sequence s : data) {
      int best = 0;
      double bestLoss = Double.POSITIVE_INFINITY;
      for (int c = 0; c < MovingShapes.CLASSES; c++) {
        double l = m.backprop(new Sequence(s.frames(), c), 0, zeros(m.parameters), new double[2]);
        if (l < bestLoss) {
          bestLoss = l;
          best = c;
        }
      }
      correct += best == s.label() ? 1 : 0;
    }
    SequenceEvaluation e = SequenceEvaluation.evaluate(m.toSpec(), data, new JavaKernelBackend());
    assertThat(e.accuracy()).isEqualTo((double) correct / data.size());
    assertThat(m.toSpec().layers()).extracting(l -> l.kind()).containsExactly("conv2d", "activation", "quantize",
        "conv2d", "activation", "quantize", "maxpool2d", "flatten", "dense");
  }

  @Test
  void sparsityTrainedCnnSendsAThirdOfTheDeltasOfTheBaselineAtEqualAccuracy() {
    List<Sequence> train = MovingShapes.generate(300, 8, 16, 21);
    List<Sequence> test = MovingShapes.generate(200, 8, 16, 22);
    SequenceEvaluation base = trainAndEvaluate(0.0, train, test);
    SequenceEvaluation sparse = trainAndEvaluate(0.25, train, test);
    assertThat(base.accuracy()).isGreaterThanOrEqualTo(0.9);
    assertThat(base.hiddenDeltaDensity() / sparse.hiddenDeltaDensity()).as("fewer hidden deltas than baseline")
        .isGreaterThanOrEqualTo(3.0);
    assertThat(sparse.accuracy()).isGreaterThanOrEqualTo(base.accuracy() - 0.02);
  }

  private static SequenceEvaluation trainAndEvaluate(double lambda, List<Sequence> train, List<Sequence> test) {
    QuantizedCnn m = QuantizedCnn.builder(new Shape(16, 16, 1), 5).conv(8, 3, 2, 1).quantizedRelu(0.25)
        .conv(16, 3, 2, 1).quantizedRelu(0.25).pool(Pool2D.Kind.MAX, 2, 2).flatten().dense(MovingShapes.CLASSES)
        .build();
    new SparsityTrainer(new TrainingConfig(new int[0], 15, 16, 5e-3, lambda, 0.25, 5)).train(m, train);
    return SequenceEvaluation.evaluate(m.toSpec(), test, new JavaKernelBackend());
  }

  private static float[][] zeros(float[][] like) {
    float[][] z = new float[like.length][];
    for (int i = 0; i < like.length; i++) {
      z[i] = new float[like[i].length];
    }
    return z;
  }
}
