package org.neurostream.delta.kernel;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dense baseline: ND4J (OpenBLAS) general matrix products that ignore sparsity. A dense forward is one
 * vector-matrix product; a scatter is expressed as {@code acc += S · W} with {@code S[accRow][weightRow]} holding the
 * batch's scales, the im2col form of a convolution. {@link #sparse()} is false, so a delta network on this backend
 * recomputes every layer from its full input at every step.
 */
public final class Nd4jKernelBackend implements KernelBackend {

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public boolean sparse() {
    return false;
  }

  @Override
  public RowScatter prepare(WeightRows weights, int accLength, int maxEntries) {
    return new Nd4jRowScatter(weights, accLength);
  }

  private static final class Nd4jRowScatter implements RowScatter {
    private final int rows;
    private final int rowLength;
    private final int accRows;
    private final INDArray w;
    private final INDArray vector;
    private final INDArray vectorOut;
    private final INDArray selection;
    private final INDArray accumulator;
    private final float[] selectionHost;

    Nd4jRowScatter(WeightRows weights, int accLength) {
      this.rows = weights.rows();
      this.rowLength = weights.rowLength();
      this.accRows = Math.max(1, accLength / rowLength);
      this.w = Nd4j.create(weights.values(), new long[] {rows, rowLength}, DataType.FLOAT);
      this.vector = Nd4j.create(DataType.FLOAT, 1, rows);
      this.vectorOut = Nd4j.create(DataType.FLOAT, 1, rowLength);
      this.selection = Nd4j.create(DataType.FLOAT, accRows, rows);
      this.accumulator = Nd4j.create(DataType.FLOAT, accRows, rowLength);
      this.selectionHost = new float[accRows * rows];
    }

    @Override
    public void scatter(RowBatch batch, float[] acc) {
      Arrays.fill(selectionHost, 0f);
      int[] wr = batch.weightRows();
      int[] ao = batch.accOffsets();
      float[] s = batch.scales();
      for (int p = 0; p < batch.count(); p++) {
        selectionHost[(ao[p] / rowLength) * rows + wr[p]] += s[p];
      }
      copyIn(selectionHost, selection);
      copyIn(acc, accumulator);
      Nd4j.gemm(selection, w, accumulator, false, false, 1.0, 1.0);
      copyOut(accumulator, acc);
    }

    @Override
    public void denseForward(float[] input, float[] bias, float[] out) {
      copyIn(input, vector);
      copyIn(bias, vectorOut);
      Nd4j.gemm(vector, w, vectorOut, false, false, 1.0, 1.0);
      copyOut(vectorOut, out);
    }

    private static void copyIn(float[] src, INDArray dst) {
      FloatBuffer b = dst.data().asNioFloat();
      b.clear();
      b.put(src, 0, (int) dst.length());
    }

    private static void copyOut(INDArray src, float[] dst) {
      FloatBuffer b = src.data().asNioFloat();
      b.clear();
      b.get(dst, 0, (int) src.length());
    }
  }
}
