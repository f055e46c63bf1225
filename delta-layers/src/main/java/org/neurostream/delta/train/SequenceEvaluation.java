package org.neurostream.delta.train;

import java.util.List;
import org.neurostream.delta.kernel.KernelBackend;
import org.neurostream.delta.metrics.MetricsAccumulator;
import org.neurostream.delta.net.DeltaNetwork;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.delta.train.MovingShapes.Sequence;

/**
 * Accuracy and sparsity of an exported network run as a delta network over labelled sequences (state reset between
 * sequences; a sequence's class is the arg-max of its mean output).
 *
 * @param accuracy fraction of sequences classified correctly
 * @param hiddenTemporalSparsity temporal sparsity pooled over the Delta Activation Layers fed by hidden activations
 *     (every weighted layer but the first, whose input is the video itself)
 * @param hiddenDeltaDensity 1 − hiddenTemporalSparsity: fraction of hidden activations sent per step
 * @param metrics all per-layer metrics
 */
public record SequenceEvaluation(double accuracy, double hiddenTemporalSparsity, double hiddenDeltaDensity,
                                 MetricsAccumulator metrics) {

  /** Runs {@code spec} on {@code data} with {@code backend}. */
  public static SequenceEvaluation evaluate(NetworkSpec spec, List<Sequence> data, KernelBackend backend) {
    MetricsAccumulator acc = new MetricsAccumulator();
    int correct = 0;
    try (DeltaNetwork net = new DeltaNetwork(spec, backend)) {
      int classes = spec.outputShape().size();
      for (Sequence s : data) {
        net.reset();
        double[] mean = new double[classes];
        for (float[] frame : s.frames()) {
          float[] out = net.step(frame);
          for (int c = 0; c < classes; c++) {
            mean[c] += out[c];
          }
          acc.add(net.lastStepMetrics());
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
          if (mean[c] > mean[best]) {
            best = c;
          }
        }
        correct += best == s.label() ? 1 : 0;
      }
    }
    long sent = 0;
    long compared = 0;
    boolean first = true;
    for (int i = 0; i < spec.layers().size(); i++) {
      if (!spec.layers().get(i).hasWeights()) {
        continue;
      }
      if (first) {
        first = false;
        continue;
      }
      double density = 1.0 - acc.temporalSparsity(i);
      long inputs = (long) spec.layers().get(i).inputShape().size() * acc.steps();
      sent += Math.round(density * inputs);
      compared += inputs;
    }
    double density = compared == 0 ? 0.0 : (double) sent / compared;
    return new SequenceEvaluation((double) correct / data.size(), 1.0 - density, density, acc);
  }
}
