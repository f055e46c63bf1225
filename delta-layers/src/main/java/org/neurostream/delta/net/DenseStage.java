package org.neurostream.delta.net;

import org.neurostream.delta.kernel.KernelBackend;
import org.neurostream.delta.kernel.RowBatch;
import org.neurostream.delta.kernel.RowScatter;
import org.neurostream.delta.kernel.WeightRows;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.metrics.LayerStepMetrics;

/**
 * Delta dense layer: a {@link DeltaEncoder} in front and the pre-activation memory {@code M} (initially the bias),
 * updated by {@code M += Σ_{i: Δi ≠ 0} Δi · W[i][·]} through a {@link DeltaProduct} (which picks the delta path or a
 * full recompute, whichever is cheaper; under {@link ComputePolicy#ALWAYS_DENSE} every step is a full dense product).
 */
final class DenseStage implements Stage {

  private final Dense layer;
  private final DeltaEncoder encoder;
  private final RowScatter scatter;
  private final DeltaProduct product;
  private final float[] memory;
  private long lastEffectiveMacs;
  /** Deltas above threshold in the last step (temporal sparsity counts these, whichever path ran). */
  private int lastSent;

  DenseStage(Dense layer, float threshold, KernelBackend backend, boolean sparse) {
    this.layer = layer;
    this.encoder = new DeltaEncoder(layer.inputSize(), threshold);
    WeightRows weights = WeightRows.of(layer.weights(), layer.inputSize(), layer.outputSize());
    this.scatter = backend.prepare(weights, layer.outputSize(), layer.inputSize());
    this.product = new DeltaProduct(encoder, weights, scatter, new RowBatch(layer.inputSize()), sparse);
    this.memory = layer.bias().clone();
  }

  @Override
  public float[] step(float[] input) {
    lastEffectiveMacs = product.update(input, layer.bias(), memory);
    lastSent = encoder.count();
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
