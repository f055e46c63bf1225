package org.neurostream.delta.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.model.DeltaModelFiles;
import org.neurostream.delta.train.MovingShapes.Sequence;

/**
 * Trains the frame CNN shipped with {@code neurostream video}: 32×32 grey frames → conv 3×3×8 stride 2 → ReLU →
 * quantizer → conv 3×3×16 stride 2 → ReLU → quantizer → max-pool 2 → flatten → dense 4, on moving-shape videos, once
 * without (λ = 0) and once with the temporal-sparsity term; evaluates both as delta networks on held-out videos, prints
 * a table and writes {@code baseline.dmodel} and {@code sparse.dmodel}. Arguments: {@code [outputDir] [epochs]
 * [lambda]}. Deterministic: the seeds are fixed below.
 */
public final class CnnSparsityTrainingDemo {

  private static final int SIZE = 32;

  private CnnSparsityTrainingDemo() {
  }

  /** The architecture, He-initialised from {@code seed}. */
  public static QuantizedCnn architecture(long seed) {
    return QuantizedCnn.builder(new Shape(SIZE, SIZE, 1), seed).conv(8, 3, 2, 1).quantizedRelu(0.25)
        .conv(16, 3, 2, 1).quantizedRelu(0.25).pool(Pool2D.Kind.MAX, 2, 2).flatten().dense(MovingShapes.CLASSES)
        .build();
  }

  public static void main(String[] args) throws Exception {
    Path outDir = Path.of(args.length > 0 ? args[0] : "target/cnn-training");
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    double lambda = args.length > 2 ? Double.parseDouble(args[2]) : 0.25;
    Files.createDirectories(outDir);
    List<Sequence> train = MovingShapes.generate(600, 10, SIZE, 31);
    List<Sequence> test = MovingShapes.generate(400, 10, SIZE, 32);
    JavaKernelBackend java = new JavaKernelBackend();
    System.out.printf(Locale.ROOT, "train %d / test %d sequences of 10 frames %dx%d, %d epochs, lambda %.3f%n",
        train.size(), test.size(), SIZE, SIZE, epochs, lambda);
    System.out.println("| model | accuracy | hidden temporal sparsity | hidden delta density | density vs baseline"
        + " | effective MACs/step | dense MACs/step | steps | train s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    SequenceEvaluation baseline = null;
    for (double l : new double[] {0.0, lambda}) {
      long t0 = System.nanoTime();
      QuantizedCnn m = architecture(7);
      new SparsityTrainer(new TrainingConfig(new int[0], epochs, 16, 5e-3, l, 0.25, 7)).train(m, train);
      double seconds = (System.nanoTime() - t0) / 1e9;
      SequenceEvaluation e = SequenceEvaluation.evaluate(m.toSpec(), test, java);
      baseline = baseline == null ? e : baseline;
      DeltaModelFiles.write(m.toSpec(), outDir.resolve(l == 0 ? "baseline.dmodel" : "sparse.dmodel"));
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.4f | %.2fx fewer | %.0f | %.0f | %.3f, %.3f | %.1f |%n",
          l == 0 ? "baseline (λ=0)" : "sparse (λ=" + l + ")", e.accuracy(), e.hiddenTemporalSparsity(),
          e.hiddenDeltaDensity(), baseline.hiddenDeltaDensity() / e.hiddenDeltaDensity(),
          e.metrics().effectiveMacsPerStep(), e.metrics().denseMacsPerStep(), m.step(0), m.step(1), seconds);
    }
  }
}
