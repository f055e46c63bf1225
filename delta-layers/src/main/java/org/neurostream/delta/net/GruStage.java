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
  private final WeightRows inputWeights;
  private final WeightRows hiddenWeights;
  private final RowScatter inputScatter;
  private final RowScatter hiddenScatter;
  private final boolean sparse;
  private final RowBatch batch;
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
    this.inputWeights = WeightRows.of(layer.inputWeights(), layer.inputSize(), 3 * hs);
    this.hiddenWeights = WeightRows.of(layer.hiddenWeights(), hs, 3 * hs);
    this.inputScatter = backend.prepare(inputWeights, 3 * hs, layer.inputSize());
    this.hiddenScatter = backend.prepare(hiddenWeights, 3 * hs, hs);
    this.sparse = sparse;
    this.batch = new RowBatch(Math.max(layer.inputSize(), hs));
    this.inputMemory = layer.inputBias().clone();
    this.hiddenMemory = layer.hiddenBias().clone();
    this.hidden = new float[hs];
    this.out = new float[hs];
  }

  @Override
  public float[] step(float[] input) {
    long macs = update(inputEncoder, inputWeights, inputScatter, input, layer.inputBias(), inputMemory);
    int deltas = inputEncoder.count();
    macs += update(hiddenEncoder, hiddenWeights, hiddenScatter, hidden, layer.hiddenBias(), hiddenMemory);
    deltas += hiddenEncoder.count();
    GruCell.combine(inputMemory, hiddenMemory, hidden, out, hs);
    System.arraycopy(out, 0, hidden, 0, hs);
    lastDeltas = deltas;
    lastEffectiveMacs = macs;
    return out;
  }

  private long update(DeltaEncoder encoder, WeightRows weights, RowScatter scatter, float[] x, float[] bias,
                      float[] memory) {
    int k = encoder.encode(x);
    int[] nz = weights.nonZeroPerRow();
    long macs = 0;
    batch.clear();
    if (!sparse || ComputePolicy.denseIsCheaper(k, encoder.nonZeroInputs(), weights.rows())) {
      scatter.denseForward(x, bias, memory);
      encoder.transmitAll(x);
      if (!sparse) {
        return (long) weights.rows() * weights.rowLength();
      }
      for (int r = 0; r < weights.rows(); r++) {
        macs += nz[r];
      }
      return macs;
    }
    if (encoder.nonZeroInputs() < k) {
      System.arraycopy(bias, 0, memory, 0, memory.length);
      for (int i = 0; i < x.length; i++) {
        if (x[i] != 0f) {
          batch.add(i, 0, x[i]);
          macs += nz[i];
        }
      }
      encoder.transmitAll(x);
    } else {
      int[] idx = encoder.indices();
      float[] d = encoder.deltas();
      for (int p = 0; p < k; p++) {
        batch.add(idx[p], 0, d[p]);
        macs += nz[idx[p]];
      }
    }
    scatter.scatter(batch, memory);
    return macs;
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
