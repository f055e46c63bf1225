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
 * <p>{@link #VERSION_1}: int n, n doubles of filter state. {@link #VERSION_2}: version 1 followed by the double
 * timestamp of the last filtered sample. {@link #VERSION_3} (current): version 2 followed by int k, k doubles of the
 * channel gain tracker's running mean square (k = 0 when the gains do not adapt). State of versions 1 and 2 restores
 * with k = 0: the tracker starts from the calibration's reference.
 */
public final class FilterStateSerializer extends StateSerializer<FilterState> {
    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    public static final int CURRENT_VERSION = VERSION_3;

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
        return new FilterState(new double[0], Double.NaN, new double[0]);
    }

    @Override
    public void serialize(FilterState state, DataOutputView out) throws IOException {
        writeArray(state.filterState(), out);
        if (formatVersion() >= VERSION_2) {
            out.writeDouble(state.lastTimestampSeconds());
        }
        if (formatVersion() >= VERSION_3) {
            writeArray(state.gainMeanSquare(), out);
        }
    }

    /** The retained version-1 writer, kept to test that old state still restores. */
    @VisibleForTesting
    static void serializeV1(FilterState state, DataOutputView out) throws IOException {
        new FilterStateSerializer(VERSION_1).serialize(state, out);
    }

    /** The retained version-2 writer, kept to test that old state still restores. */
    @VisibleForTesting
    static void serializeV2(FilterState state, DataOutputView out) throws IOException {
        new FilterStateSerializer(VERSION_2).serialize(state, out);
    }

    @Override
    public FilterState deserialize(DataInputView in) throws IOException {
        double[] zi = readArray(in, "filter state");
        double last = formatVersion() >= VERSION_2 ? in.readDouble() : Double.NaN;
        double[] gains = formatVersion() >= VERSION_3 ? readArray(in, "channel gain state") : new double[0];
        return new FilterState(zi, last, gains);
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
