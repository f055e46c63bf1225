package org.neurostream.delta.net;

import org.neurostream.delta.kernel.KernelBackend;
import org.neurostream.delta.kernel.RowBatch;
import org.neurostream.delta.kernel.RowScatter;
import org.neurostream.delta.kernel.WeightRows;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.metrics.LayerStepMetrics;

/**
 * Delta dense layer: a {@link DeltaEncoder} in front and the pre-activation memory {@code M} (initially the bias),
 * updated by {@code M += Σ_{i: Δi ≠ 0} Δi · W[i][·]}. On a sparse backend each step takes the cheaper of two paths,
 * both touching only weight rows of non-zero inputs: the delta path (rows of non-zero deltas) or a full recompute
 * from the current input (rows of non-zero inputs, which also clears the residue). Under
 * {@link ComputePolicy#ALWAYS_DENSE} (or on a dense backend) every step is a full dense product.
 */
final class DenseStage implements Stage {

  private final Dense layer;
  private final DeltaEncoder encoder;
  private final RowScatter scatter;
  private final WeightRows weights;
  private final boolean sparse;
  private final RowBatch batch;
  private final float[] memory;
  private final long totalNonZeroWeights;
  private long lastEffectiveMacs;
  /** Deltas above threshold in the last step (temporal sparsity counts these, whichever path ran). */
  private int lastSent;

  DenseStage(Dense layer, float threshold, KernelBackend backend, boolean sparse) {
    this.layer = layer;
    this.encoder = new DeltaEncoder(layer.inputSize(), threshold);
    this.weights = WeightRows.of(layer.weights(), layer.inputSize(), layer.outputSize());
    this.scatter = backend.prepare(weights, layer.outputSize(), layer.inputSize());
    this.sparse = sparse;
    this.batch = new RowBatch(layer.inputSize());
    this.memory = layer.bias().clone();
    long nonZero = 0;
    for (int n : weights.nonZeroPerRow()) {
      nonZero += n;
    }
    this.totalNonZeroWeights = nonZero;
  }

  @Override
  public float[] step(float[] input) {
    int k = encoder.encode(input);
    int[] nz = weights.nonZeroPerRow();
    batch.clear();
    long macs = 0;
    if (!sparse || ComputePolicy.denseIsCheaper(k, encoder.nonZeroInputs(), layer.inputSize())) {
      scatter.denseForward(input, layer.bias(), memory);
      encoder.transmitAll(input);
      lastSent = k;
      lastEffectiveMacs = sparse ? totalNonZeroWeights : (long) layer.inputSize() * layer.outputSize();
      return memory;
    }
    if (encoder.nonZeroInputs() < k) {
      System.arraycopy(layer.bias(), 0, memory, 0, memory.length);
      for (int i = 0; i < input.length; i++) {
        if (input[i] != 0f) {
          batch.add(i, 0, input[i]);
          macs += nz[i];
        }
      }
      encoder.transmitAll(input);
    } else {
      int[] idx = encoder.indices();
      float[] d = encoder.deltas();
      for (int p = 0; p < k; p++) {
        batch.add(idx[p], 0, d[p]);
        macs += nz[idx[p]];
      }
    }
    scatter.scatter(batch, memory);
    lastSent = k;
    lastEffectiveMacs = macs;
    return memory;
  }

  @Override
  public void reset() {
    encoder.reset();
    System.arraycopy(layer.bias(), 0, memory, 0, memory.length);
  }

  @Override
  public float[][] stateArrays() {
    return new float[][] {encoder.last(), memory};
  }

  @Override
  public LayerStepMetrics metrics(int index, float[] input, float[] output) {
    return new LayerStepMetrics(index, layer.kind(), layer.inputSize(), lastSent, output.length, Stage.zeros(output),
        (long) layer.inputSize() * layer.outputSize(), lastEffectiveMacs);
  }

  @Override
  public void close() {
    scatter.close();
  }
}
