package org.neurostream.delta.net;

import org.neurostream.delta.kernel.KernelBackend;
import org.neurostream.delta.kernel.RowBatch;
import org.neurostream.delta.kernel.RowScatter;
import org.neurostream.delta.kernel.WeightRows;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.metrics.LayerStepMetrics;

/**
 * Delta convolution: each non-zero input delta at {@code (y, x, c)} is scattered into every output position whose
 * receptive field contains it, {@code M(oy, ox, ·) += Δ · W[ky][kx][c][·]} with {@code oy·s − p + ky = y} and
 * {@code ox·s − p + kx = x}. Like {@link DenseStage} it picks per step the cheaper of the delta path and a full
 * recompute from the non-zero inputs; under {@link ComputePolicy#ALWAYS_DENSE} it always recomputes all rows.
 */
final class ConvStage implements Stage {

  private final Conv2D layer;
  private final Shape in;
  private final Shape out;
  private final DeltaEncoder encoder;
  private final WeightRows weights;
  private final RowScatter scatter;
  private final boolean sparse;
  private final RowBatch batch;
  private final float[] memory;
  private final long denseMacs;
  private long lastEffectiveMacs;
  private int lastDeltas;

  ConvStage(Conv2D layer, float threshold, KernelBackend backend, boolean sparse) {
    this.layer = layer;
    this.in = layer.inputShape();
    this.out = layer.outputShape();
    this.encoder = new DeltaEncoder(in.size(), threshold);
    int rows = layer.kernelHeight() * layer.kernelWidth() * in.channels();
    this.weights = WeightRows.of(layer.weights(), rows, layer.outChannels());
    int maxEntries = in.size() * layer.kernelHeight() * layer.kernelWidth();
    this.scatter = backend.prepare(weights, out.size(), maxEntries);
    this.sparse = sparse;
    this.batch = new RowBatch(maxEntries);
    this.memory = new float[out.size()];
    resetMemory();
    // Dense MACs: every (input position, output position, kernel offset) connection, times channels.
    long connections = 0;
    for (int y = 0; y < in.height(); y++) {
      for (int x = 0; x < in.width(); x++) {
        batch.clear();
        addTargets(in.index(y, x, 0), 1f);
        connections += batch.count();
      }
    }
    batch.clear();
    this.denseMacs = connections * in.channels() * layer.outChannels();
  }

  private void resetMemory() {
    int oc = layer.outChannels();
    for (int p = 0; p < out.size(); p += oc) {
      System.arraycopy(layer.bias(), 0, memory, p, oc);
    }
  }

  /** Adds one batch entry per output position that input element {@code i} reaches; returns the MACs added. */
  private long addTargets(int i, float value) {
    int channels = in.channels();
    int c = i % channels;
    int pixel = i / channels;
    int y = pixel / in.width();
    int x = pixel % in.width();
    int s = layer.stride();
    int pad = layer.padding();
    int[] nz = weights.nonZeroPerRow();
    long macs = 0;
    for (int ky = 0; ky < layer.kernelHeight(); ky++) {
      int ty = y + pad - ky;
      if (ty < 0 || ty % s != 0 || ty / s >= out.height()) {
        continue;
      }
      int oy = ty / s;
      for (int kx = 0; kx < layer.kernelWidth(); kx++) {
        int tx = x + pad - kx;
        if (tx < 0 || tx % s != 0 || tx / s >= out.width()) {
          continue;
        }
        int row = (ky * layer.kernelWidth() + kx) * channels + c;
        batch.add(row, out.index(oy, tx / s, 0), value);
        macs += nz[row];
      }
    }
    return macs;
  }

  @Override
  public float[] step(float[] input) {
    int k = encoder.encode(input);
    batch.clear();
    long macs = 0;
    if (!sparse || encoder.nonZeroInputs() < k) {
      resetMemory();
      for (int i = 0; i < input.length; i++) {
        if (input[i] != 0f || !sparse) {
          macs += addTargets(i, input[i]);
        }
      }
      encoder.transmitAll(input);
      if (!sparse) {
        macs = denseMacs;
      }
    } else {
      int[] idx = encoder.indices();
      float[] d = encoder.deltas();
      for (int p = 0; p < k; p++) {
        macs += addTargets(idx[p], d[p]);
      }
    }
    scatter.scatter(batch, memory);
    lastDeltas = k;
    lastEffectiveMacs = macs;
    return memory;
  }

  @Override
  public void reset() {
    encoder.reset();
    resetMemory();
  }

  @Override
  public float[][] stateArrays() {
    return new float[][] {encoder.last(), memory};
  }

  @Override
  public LayerStepMetrics metrics(int index, float[] input, float[] output) {
    return new LayerStepMetrics(index, layer.kind(), in.size(), lastDeltas, output.length, Stage.zeros(output),
        denseMacs, lastEffectiveMacs);
  }

  @Override
  public void close() {
    scatter.close();
  }
}
