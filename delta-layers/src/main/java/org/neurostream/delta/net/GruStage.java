package org.neurostream.delta.net;

import org.neurostream.delta.kernel.KernelBackend;
import org.neurostream.delta.kernel.RowBatch;
import org.neurostream.delta.kernel.RowScatter;
import org.neurostream.delta.kernel.WeightRows;
import org.neurostream.delta.layer.Gru;
import org.neurostream.delta.metrics.LayerStepMetrics;

/**
 * Delta GRU (DeltaGRU of Neil et al. 2017, EdgeDRNN of Gao et al. 2020): the input {@code x_t} and the previous
 * hidden state {@code h_{t−1}} each pass a Delta Activation Layer; two memories hold the gate pre-activations,
 * {@code Mx = bx + x̂·Wx} and {@code Mh = bh + ĥ·Wh} (ĥ, x̂ the transmitted values), updated with the non-zero deltas
 * only. The gates then follow PyTorch's GRU: {@code r, z = σ(Mx + Mh)}, {@code n = tanh(Mx_n + r ⊙ Mh_n)},
 * {@code h = (1 − z) ⊙ n + z ⊙ h_{t−1}} with the exact (not transmitted) previous {@code h}.
 */
final class GruStage implements Stage {

  private final Gru layer;
  private final int hs;
  private final DeltaEncoder inputEncoder;
  private final DeltaEncoder hiddenEncoder;
  private final RowScatter inputScatter;
  private final RowScatter hiddenScatter;
  private final DeltaProduct inputProduct;
  private final DeltaProduct hiddenProduct;
  private final float[] inputMemory;
  private final float[] hiddenMemory;
  private final float[] hidden;
  private final float[] out;
  private long lastEffectiveMacs;
  private int lastDeltas;

  GruStage(Gru layer, float threshold, KernelBackend backend, boolean sparse) {
    this.layer = layer;
    this.hs = layer.hiddenSize();
    this.inputEncoder = new DeltaEncoder(layer.inputSize(), threshold);
    this.hiddenEncoder = new DeltaEncoder(hs, threshold);
    WeightRows inputWeights = WeightRows.of(layer.inputWeights(), layer.inputSize(), 3 * hs);
    WeightRows hiddenWeights = WeightRows.of(layer.hiddenWeights(), hs, 3 * hs);
    this.inputScatter = backend.prepare(inputWeights, 3 * hs, layer.inputSize());
    this.hiddenScatter = backend.prepare(hiddenWeights, 3 * hs, hs);
    RowBatch batch = new RowBatch(Math.max(layer.inputSize(), hs));
    this.inputProduct = new DeltaProduct(inputEncoder, inputWeights, inputScatter, batch, sparse);
    this.hiddenProduct = new DeltaProduct(hiddenEncoder, hiddenWeights, hiddenScatter, batch, sparse);
    this.inputMemory = layer.inputBias().clone();
    this.hiddenMemory = layer.hiddenBias().clone();
    this.hidden = new float[hs];
    this.out = new float[hs];
  }

  @Override
  public float[] step(float[] input) {
    long macs = inputProduct.update(input, layer.inputBias(), inputMemory);
    int deltas = inputEncoder.count();
    macs += hiddenProduct.update(hidden, layer.hiddenBias(), hiddenMemory);
    deltas += hiddenEncoder.count();
    GruCell.combine(inputMemory, hiddenMemory, hidden, out, hs);
    System.arraycopy(out, 0, hidden, 0, hs);
    lastDeltas = deltas;
    lastEffectiveMacs = macs;
    return out;
  }

  @Override
  public void reset() {
    inputEncoder.reset();
    hiddenEncoder.reset();
    System.arraycopy(layer.inputBias(), 0, inputMemory, 0, inputMemory.length);
    System.arraycopy(layer.hiddenBias(), 0, hiddenMemory, 0, hiddenMemory.length);
    java.util.Arrays.fill(hidden, 0f);
  }

  @Override
  public float[][] stateArrays() {
    return new float[][] {inputEncoder.last(), hiddenEncoder.last(), inputMemory, hiddenMemory, hidden};
  }

  @Override
  public LayerStepMetrics metrics(int index, float[] input, float[] output) {
    long dense = 3L * hs * (layer.inputSize() + hs);
    return new LayerStepMetrics(index, layer.kind(), layer.inputSize() + hs, lastDeltas, output.length,
        Stage.zeros(output), dense, lastEffectiveMacs);
  }

  @Override
  public void close() {
    inputScatter.close();
    hiddenScatter.close();
  }
}
