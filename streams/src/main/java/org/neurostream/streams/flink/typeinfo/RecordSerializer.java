package org.neurostream.streams.flink.typeinfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Common part of the serializers of neurostream's immutable record types: copies are the instance itself, lengths are
 * variable, and double arrays move through a reusable byte buffer in bulk rather than value by value.
 *
 * <p>Not thread-safe: Flink gives each thread its own {@link #duplicate()}.
 *
 * @param <T> the record type
 */
public abstract class RecordSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;
    private static final int SCRATCH_DOUBLES = 8192;

    private transient byte[] scratch;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }

    /** Writes {@code length} doubles of {@code values} from {@code offset}, big-endian, in bulk. */
    protected final void writeDoubles(double[] values, int offset, int length, DataOutputView out)
            throws IOException {
        byte[] buffer = scratch();
        int done = 0;
        while (done < length) {
            int n = Math.min(SCRATCH_DOUBLES, length - done);
            ByteBuffer.wrap(buffer, 0, n * Double.BYTES).asDoubleBuffer().put(values, offset + done, n);
            out.write(buffer, 0, n * Double.BYTES);
            done += n;
        }
    }

    /** Reads {@code length} doubles written by {@link #writeDoubles} into a new array. */
    protected final double[] readDoubles(int length, DataInputView in) throws IOException {
        double[] values = new double[length];
        byte[] buffer = scratch();
        int done = 0;
        while (done < length) {
            int n = Math.min(SCRATCH_DOUBLES, length - done);
            in.readFully(buffer, 0, n * Double.BYTES);
            ByteBuffer.wrap(buffer, 0, n * Double.BYTES).asDoubleBuffer().get(values, done, n);
            done += n;
        }
        return values;
    }

    /** Reads a non-negative count and rejects values beyond {@code max}, so corrupt bytes cannot allocate unbounded. */
    protected static int readCount(DataInputView in, String what, long max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("Corrupt serialized record: " + what + " is " + n + "; expected 0 to " + max + ".");
        }
        return n;
    }

    protected static void writeString(String s, DataOutputView out) throws IOException {
        StringValue.writeString(s, out);
    }

    protected static String readString(DataInputView in, String what) throws IOException {
        String s = StringValue.readString(in);
        if (s == null) {
            throw new IOException("Corrupt serialized record: " + what + " is null.");
        }
        return s;
    }

    private byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[SCRATCH_DOUBLES * Double.BYTES];
        }
        return scratch;
    }
}
