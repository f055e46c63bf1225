package org.neurostream.operators.online;

import java.io.IOException;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.VersionedSerializerSnapshot;

/**
 * Serializes {@link FilterState}.
 *
 * <p>{@link #VERSION_1}: int n, n doubles of filter state. {@link #VERSION_2} (current): version 1 followed by the
 * double timestamp of the last filtered sample.
 */
public final class FilterStateSerializer extends StateSerializer<FilterState> {
    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;

    public FilterStateSerializer() {
        this(CURRENT_VERSION);
    }

    FilterStateSerializer(int version) {
        super(version, CURRENT_VERSION);
    }

    @Override
    public TypeSerializer<FilterState> duplicate() {
        return new FilterStateSerializer(formatVersion());
    }

    @Override
    public FilterState createInstance() {
        return new FilterState(new double[0], Double.NaN);
    }

    @Override
    public void serialize(FilterState state, DataOutputView out) throws IOException {
        writeArray(state.filterState(), out);
        if (formatVersion() >= VERSION_2) {
            out.writeDouble(state.lastTimestampSeconds());
        }
    }

    /** The retained version-1 writer, kept to test that old state still restores. */
    @VisibleForTesting
    static void serializeV1(FilterState state, DataOutputView out) throws IOException {
        new FilterStateSerializer(VERSION_1).serialize(state, out);
    }

    @Override
    public FilterState deserialize(DataInputView in) throws IOException {
        double[] zi = readArray(in, "filter state");
        double last = formatVersion() >= VERSION_2 ? in.readDouble() : Double.NaN;
        return new FilterState(zi, last);
    }

    @Override
    public TypeSerializerSnapshot<FilterState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<FilterState> {
        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<FilterState> serializerForVersion(int version) {
            return new FilterStateSerializer(version);
        }
    }
}
