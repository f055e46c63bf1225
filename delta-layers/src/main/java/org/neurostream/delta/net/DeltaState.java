package org.neurostream.delta.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot of a {@link DeltaNetwork}'s memories: per layer, its kind and its state buffers (last transmitted values,
 * pre-activation memories, GRU hidden state), plus the step count. Immutable by convention: arrays are not exposed
 * for modification.
 *
 * <p>Byte format {@link #VERSION_1} (big-endian, {@link DataOutputStream}): int magic {@code 0x44535441} ("DSTA"),
 * int version, long steps, int layer count; per layer: UTF kind, int buffer count; per buffer: int length, then that
 * many float32. Trailing bytes are rejected.
 */
public record DeltaState(long steps, List<String> layerKinds, List<float[][]> arrays) {

  public static final int MAGIC = 0x44535441;
  /** The only version so far; layout in the class Javadoc. */
  public static final int VERSION_1 = 1;
  public static final int CURRENT_VERSION = VERSION_1;

  public DeltaState {
    layerKinds = List.copyOf(layerKinds);
    arrays = List.copyOf(arrays);
    if (layerKinds.size() != arrays.size()) {
      throw new IllegalArgumentException("One kind per layer's buffers expected");
    }
  }

  /** Serializes in the current version. */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeInt(CURRENT_VERSION);
      out.writeLong(steps);
      out.writeInt(layerKinds.size());
      for (int i = 0; i < layerKinds.size(); i++) {
        out.writeUTF(layerKinds.get(i));
        float[][] buffers = arrays.get(i);
        out.writeInt(buffers.length);
        for (float[] b : buffers) {
          out.writeInt(b.length);
          for (float v : b) {
            out.writeFloat(v);
          }
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses bytes written by {@link #toBytes()}.
   *
   * @throws IOException if the magic, version or structure is wrong, naming what and where
   */
  public static DeltaState fromBytes(byte[] data) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
    try {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IOException(String.format("Not a delta state: magic 0x%08x, expected 0x%08x", magic, MAGIC));
      }
      int version = in.readInt();
      if (version != VERSION_1) {
        throw new IOException("Unknown delta state version " + version + "; supported versions: " + VERSION_1 + " to "
            + CURRENT_VERSION);
      }
      long steps = in.readLong();
      int layers = in.readInt();
      checkCount("layer count", layers, data.length);
      List<String> kinds = new ArrayList<>();
      List<float[][]> arrays = new ArrayList<>();
      for (int i = 0; i < layers; i++) {
        kinds.add(in.readUTF());
        int buffers = in.readInt();
        checkCount("buffer count of layer " + i, buffers, data.length);
        float[][] b = new float[buffers][];
        for (int k = 0; k < buffers; k++) {
          int n = in.readInt();
          checkCount("length of buffer " + k + " of layer " + i, n, data.length / 4);
          b[k] = new float[n];
          for (int j = 0; j < n; j++) {
            b[k][j] = in.readFloat();
          }
        }
        arrays.add(b);
      }
      if (in.available() > 0) {
        throw new IOException("Delta state has " + in.available() + " trailing bytes after " + layers + " layers");
      }
      return new DeltaState(steps, kinds, arrays);
    } catch (java.io.EOFException e) {
      throw new IOException("Delta state is truncated (" + data.length + " bytes)", e);
    }
  }

  private static void checkCount(String what, int n, int max) throws IOException {
    if (n < 0 || n > max) {
      throw new IOException("Delta state is corrupt: " + what + " is " + n);
    }
  }
}
