package org.neurostream.delta.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.model.DeltaModelFiles;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.delta.train.MovingShapes.Sequence;

/** Small, seconds-long versions of the training demonstration (the long run is {@link SparsityTrainingDemo}). */
class SparsityTrainerTest {

  private static final int[] HIDDEN = {32, 16};
  private static List<Sequence> train;
  private static List<Sequence> test;
  private static QuantizedMlp baseline;
  private static SequenceEvaluation baselineEval;

  @TempDir
  Path tmp;

  @BeforeAll
  static void trainBaseline() {
    train = MovingShapes.generate(400, 8, 12, 11);
    test = MovingShapes.generate(300, 8, 12, 12);
    baseline = new SparsityTrainer(config(0.0, 12)).trainFromScratch(train, MovingShapes.CLASSES);
    baselineEval = SequenceEvaluation.evaluate(baseline.toSpec(), test, new JavaKernelBackend());
  }

  static TrainingConfig config(double lambda, int epochs) {
    return new TrainingConfig(HIDDEN, epochs, 16, 3e-3, lambda, 0.25, 5);
  }

  @Test
  void baselineLearnsTheShapes() {
    assertThat(baselineEval.accuracy()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void sparsityObjectiveFromScratchSendsAThirdOfTheDeltasAtEqualAccuracy() {
    QuantizedMlp sparse = new SparsityTrainer(config(0.25, 12)).trainFromScratch(train, MovingShapes.CLASSES);
    SequenceEvaluation e = SequenceEvaluation.evaluate(sparse.toSpec(), test, new JavaKernelBackend());
    assertThat(baselineEval.hiddenDeltaDensity() / e.hiddenDeltaDensity()).as("fewer hidden deltas than baseline")
        .isGreaterThanOrEqualTo(3.0);
    assertThat(e.accuracy()).isGreaterThanOrEqualTo(baselineEval.accuracy() - 0.02);
  }

  @Test
  void refiningTheDenseTrainedModelSendsAThirdOfTheDeltas() {
    QuantizedMlp refined = baseline.copy();
    new SparsityTrainer(config(0.5, 6)).train(refined, train);
    SequenceEvaluation e = SequenceEvaluation.evaluate(refined.toSpec(), test, new JavaKernelBackend());
    assertThat(baselineEval.hiddenDeltaDensity() / e.hiddenDeltaDensity()).as("fewer hidden deltas than baseline")
        .isGreaterThanOrEqualTo(3.0);
    assertThat(e.accuracy()).isGreaterThanOrEqualTo(baselineEval.accuracy() - 0.02);
  }

  @Test
  void exportedModelFileEvaluatesIdentically() throws IOException {
    Path file = tmp.resolve("baseline.dmodel");
    DeltaModelFiles.write(baseline.toSpec(), file);
    NetworkSpec back = DeltaModelFiles.read(file);
    SequenceEvaluation e = SequenceEvaluation.evaluate(back, test, new JavaKernelBackend());
    assertThat(e.accuracy()).isEqualTo(baselineEval.accuracy());
    assertThat(e.hiddenDeltaDensity()).isEqualTo(baselineEval.hiddenDeltaDensity());
  }

  @Test
  void lastLayerGradientMatchesFiniteDifferences() {
    QuantizedMlp m = QuantizedMlp.initialise(144, HIDDEN, MovingShapes.CLASSES, 0.25, 3);
    SparsityTrainer trainer = new SparsityTrainer(config(0.0, 1));
    Sequence s = train.get(0);
    SparsityTrainer.Gradients g = new SparsityTrainer.Gradients(m);
    trainer.backprop(m, s, g);
    int last = m.layerCount() - 1;
    for (int i : new int[] {0, 5, 17, 40, 63}) {
      float saved = m.weights[last][i];
      double h = 1e-2;
      m.weights[last][i] = (float) (saved + h);
      double up = trainer.backprop(m, s, new SparsityTrainer.Gradients(m));
      m.weights[last][i] = (float) (saved - h);
      double down = trainer.backprop(m, s, new SparsityTrainer.Gradients(m));
      m.weights[last][i] = saved;
      assertThat((double) g.w[last][i]).as("dL/dW[%d]", i)
          .isCloseTo((up - down) / (2 * h), org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  @Test
  void movingShapesAreDeterministicAndLabelled() {
    List<Sequence> a = MovingShapes.generate(20, 5, 12, 99);
    List<Sequence> b = MovingShapes.generate(20, 5, 12, 99);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).label()).isEqualTo(b.get(i).label()).isBetween(0, MovingShapes.CLASSES - 1);
      assertThat(a.get(i).frames()[4]).containsExactly(b.get(i).frames()[4]);
      float lit = 0;
      for (float v : a.get(i).frames()[0]) {
        lit += v;
      }
      assertThat(lit).isGreaterThanOrEqualTo(8f);
    }
  }
}
