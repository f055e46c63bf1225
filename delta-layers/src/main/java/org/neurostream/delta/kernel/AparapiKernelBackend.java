package org.neurostream.delta.kernel;

import com.aparapi.Range;
import com.aparapi.device.Device;
import java.util.Arrays;

/**
 * Runs the row scatter as an Aparapi kernel ({@link ScatterRowsClKernel}) on an OpenCL device, e.g. PoCL on the CPU or
 * a GPU. Without an OpenCL device Aparapi silently falls back to a Java thread pool; {@link ClRowScatter#isRunningCl()}
 * tells which happened. The device is injected so tests can pin it.
 */
public final class AparapiKernelBackend implements KernelBackend {

  private final Device device;

  /** Uses {@code device} for every kernel. */
  public AparapiKernelBackend(Device device) {
    this.device = device;
  }

  /** Uses Aparapi's best device (an OpenCL device if one is installed, else the Java thread pool). */
  public static AparapiKernelBackend bestDevice() {
    return new AparapiKernelBackend(Device.best());
  }

  public Device device() {
    return device;
  }

  @Override
  public String name() {
    return "aparapi(" + device.getShortDescription() + ")";
  }

  @Override
  public boolean sparse() {
    return true;
  }

  @Override
  public ClRowScatter prepare(WeightRows weights, int accLength, int maxEntries) {
    return new ClRowScatter(weights, accLength, Math.max(maxEntries, weights.rows()), device);
  }

  /** A {@link RowScatter} executing {@link ScatterRowsClKernel}; one kernel instance per weight matrix. */
  public static final class ClRowScatter implements RowScatter {
    private static final int WORK_GROUP = 64;
    private final ScatterRowsClKernel kernel;
    private final Device device;
    private final int rowLength;
    private final int rows;
    private final int[] groupCount;
    private final RowBatch denseBatch;
    private boolean weightsUploaded;

    ClRowScatter(WeightRows weights, int accLength, int maxEntries, Device device) {
      this.device = device;
      this.rowLength = weights.rowLength();
      this.rows = weights.rows();
      this.kernel = new ScatterRowsClKernel(weights.values(), rowLength, accLength, maxEntries);
      this.kernel.setExplicit(true);
      this.groupCount = new int[kernel.groupAccOffset.length];
      this.denseBatch = new RowBatch(rows);
    }

    @Override
    public void scatter(RowBatch batch, float[] acc) {
      int n = batch.count();
      if (n == 0) {
        return;
      }
      if (n > kernel.entryScale.length || acc.length != kernel.acc.length) {
        throw new IllegalArgumentException("Batch of " + n + " entries or accumulator of " + acc.length
            + " exceeds the capacity this kernel was prepared for (" + kernel.entryScale.length + ", "
            + kernel.acc.length + ")");
      }
      int groups = group(batch);
      kernel.workItems = groups * rowLength;
      System.arraycopy(acc, 0, kernel.acc, 0, acc.length);
      if (!weightsUploaded) {
        kernel.put(kernel.weights);
        weightsUploaded = true;
      }
      kernel.put(kernel.acc).put(kernel.groupStart).put(kernel.groupAccOffset).put(kernel.entryWeightOffset)
          .put(kernel.entryScale);
      int global = (kernel.workItems + WORK_GROUP - 1) / WORK_GROUP * WORK_GROUP;
      kernel.execute(Range.create(device, global, WORK_GROUP));
      kernel.get(kernel.acc);
      System.arraycopy(kernel.acc, 0, acc, 0, acc.length);
    }

    /** Counting sort of the entries by accumulator row into the kernel's compressed-row arrays; returns groups. */
    private int group(RowBatch batch) {
      int n = batch.count();
      int[] ao = batch.accOffsets();
      int[] wr = batch.weightRows();
      float[] s = batch.scales();
      Arrays.fill(groupCount, 0);
      for (int p = 0; p < n; p++) {
        groupCount[ao[p] / rowLength]++;
      }
      int groups = 0;
      int start = 0;
      for (int r = 0; r < groupCount.length; r++) {
        int c = groupCount[r];
        if (c > 0) {
          kernel.groupStart[groups] = start;
          kernel.groupAccOffset[groups] = r * rowLength;
          groupCount[r] = start; // becomes the fill cursor
          start += c;
          groups++;
        } else {
          groupCount[r] = -1;
        }
      }
      kernel.groupStart[groups] = start;
      for (int p = 0; p < n; p++) {
        int slot = groupCount[ao[p] / rowLength]++;
        kernel.entryWeightOffset[slot] = wr[p] * rowLength;
        kernel.entryScale[slot] = s[p];
      }
      return groups;
    }

    @Override
    public void denseForward(float[] input, float[] bias, float[] out) {
      denseBatch.clear();
      for (int r = 0; r < rows; r++) {
        if (input[r] != 0f) {
          denseBatch.add(r, 0, input[r]);
        }
      }
      System.arraycopy(bias, 0, out, 0, rowLength);
      scatter(denseBatch, out);
    }

    /** Whether the last execution ran in OpenCL (as opposed to Aparapi's Java thread-pool fallback). */
    public boolean isRunningCl() {
      return kernel.isRunningCL();
    }

    /** Aparapi's description of the device the kernel targets. */
    public Device targetDevice() {
      return kernel.getTargetDevice();
    }

    @Override
    public void close() {
      kernel.dispose();
    }
  }
}
