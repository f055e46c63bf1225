package org.neurostream.operators.video;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Common part of the serializers of immutable video values: copies are the instance itself, lengths vary, equality is
 * by class. Subclasses write and read the value and name their snapshot.
 *
 * @param <T> the value type
 */
public abstract class ImmutableValueSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

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

    /** Reads a count and rejects values outside 0..max, so corrupt bytes cannot allocate without bound. */
    protected static int readCount(DataInputView in, String what, long max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("Corrupt serialized value: " + what + " is " + n + "; expected 0 to " + max + ".");
        }
        return n;
    }
}
