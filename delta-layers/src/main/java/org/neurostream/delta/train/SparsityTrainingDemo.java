package org.neurostream.delta.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.model.DeltaModelFiles;
import org.neurostream.delta.train.MovingShapes.Sequence;

/**
 * Demonstration run of the temporal-sparsity objective on moving-shape videos: trains the baseline (λ = 0), a sparse
 * model from scratch and a sparse refinement of the baseline, evaluates each as a delta network, prints a table and
 * writes the models as delta model files. Arguments: {@code [outputDir] [epochs] [lambda]}.
 */
public final class SparsityTrainingDemo {

  private SparsityTrainingDemo() {
  }

  public static void main(String[] args) throws Exception {
    Path outDir = Path.of(args.length > 0 ? args[0] : "target/delta-training");
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    double lambda = args.length > 2 ? Double.parseDouble(args[2]) : 0.05;
    java.nio.file.Files.createDirectories(outDir);
    List<Sequence> train = MovingShapes.generate(2000, 10, 16, 1);
    List<Sequence> test = MovingShapes.generate(1000, 10, 16, 2);
    TrainingConfig base = new TrainingConfig(new int[] {64, 32}, epochs, 32, 2e-3, 0.0, 0.25, 7);
    JavaKernelBackend java = new JavaKernelBackend();

    long t0 = System.nanoTime();
    QuantizedMlp dense = new SparsityTrainer(base).trainFromScratch(train, MovingShapes.CLASSES);
    SequenceEvaluation d = SequenceEvaluation.evaluate(dense.toSpec(), test, java);
    long t1 = System.nanoTime();
    QuantizedMlp scratch = new SparsityTrainer(base.with(lambda, epochs)).trainFromScratch(train,
        MovingShapes.CLASSES);
    SequenceEvaluation s = SequenceEvaluation.evaluate(scratch.toSpec(), test, java);
    long t2 = System.nanoTime();
    QuantizedMlp refined = dense.copy();
    new SparsityTrainer(base.with(lambda, Math.max(1, epochs / 3))).train(refined, train);
    SequenceEvaluation r = SequenceEvaluation.evaluate(refined.toSpec(), test, java);
    long t3 = System.nanoTime();

    DeltaModelFiles.write(dense.toSpec(), outDir.resolve("baseline.dmodel"));
    DeltaModelFiles.write(scratch.toSpec(), outDir.resolve("sparse-scratch.dmodel"));
    DeltaModelFiles.write(refined.toSpec(), outDir.resolve("sparse-refined.dmodel"));
    System.out.printf(Locale.ROOT, "train %d / test %d sequences of 10 frames 16x16, MLP 256-64-32-4, %d epochs, "
        + "lambda %.3f%n", train.size(), test.size(), epochs, lambda);
    System.out.println("| model | accuracy | hidden temporal sparsity | hidden delta density | density vs baseline"
        + " | effective MACs/step | dense MACs/step | steps | train s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    row("baseline (λ=0)", d, d, dense, (t1 - t0) / 1e9);
    row("sparse from scratch", s, d, scratch, (t2 - t1) / 1e9);
    row("sparse refinement of baseline", r, d, refined, (t3 - t2) / 1e9);
  }

  private static void row(String name, SequenceEvaluation e, SequenceEvaluation baseline, QuantizedMlp m,
                          double seconds) {
    StringBuilder steps = new StringBuilder();
    for (int l = 0; l < m.steps.length; l++) {
      steps.append(l == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", m.steps[l]));
    }
    System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.4f | %.2fx fewer | %.0f | %.0f | %s | %.1f |%n", name,
        e.accuracy(), e.hiddenTemporalSparsity(), e.hiddenDeltaDensity(),
        baseline.hiddenDeltaDensity() / e.hiddenDeltaDensity(), e.metrics().effectiveMacsPerStep(),
        e.metrics().denseMacsPerStep(), steps, seconds);
  }
}
