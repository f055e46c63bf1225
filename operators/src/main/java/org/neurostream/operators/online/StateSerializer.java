package org.neurostream.operators.online;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.RecordSerializer;

/**
 * Common part of the online operators' serializers: a serializer instance reads and writes one format version (the
 * current one unless a snapshot of older state restored an older one), plus helpers for arrays and matrices.
 *
 * @param <T> the value type
 */
public abstract class StateSerializer<T> extends RecordSerializer<T> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_LENGTH = 1 << 26;

    private final int formatVersion;

    protected StateSerializer(int formatVersion, int currentVersion) {
        if (formatVersion < 1 || formatVersion > currentVersion) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": unknown format version "
                    + formatVersion + "; this build reads versions 1 to " + currentVersion + ".");
        }
        this.formatVersion = formatVersion;
    }

    /** The format version this instance reads and writes. */
    public final int formatVersion() {
        return formatVersion;
    }

    protected final void writeArray(double[] a, DataOutputView out) throws IOException {
        out.writeInt(a.length);
        writeDoubles(a, 0, a.length, out);
    }

    protected final double[] readArray(DataInputView in, String what) throws IOException {
        return readDoubles(readCount(in, what + " length", MAX_LENGTH), in);
    }

    protected static void writeInts(int[] a, DataOutputView out) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    protected static int[] readInts(DataInputView in, String what) throws IOException {
        int[] a = new int[readCount(in, what + " length", MAX_LENGTH)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    protected final void writeMatrix(double[][] m, DataOutputView out) throws IOException {
        out.writeInt(m.length);
        for (double[] row : m) {
            writeArray(row, out);
        }
    }

    protected final double[][] readMatrix(DataInputView in, String what) throws IOException {
        double[][] m = new double[readCount(in, what + " rows", MAX_LENGTH)][];
        for (int i = 0; i < m.length; i++) {
            m[i] = readArray(in, what);
        }
        return m;
    }
}
