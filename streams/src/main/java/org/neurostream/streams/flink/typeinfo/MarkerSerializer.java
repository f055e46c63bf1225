package org.neurostream.streams.flink.typeinfo;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.record.Marker;

/**
 * Serializes {@link Marker}s.
 *
 * <p>Format {@link #VERSION_1}: stream key (Flink {@code StringValue}), double timestamp (s), double duration (s),
 * value ({@code StringValue}).
 */
public final class MarkerSerializer extends RecordSerializer<Marker> {
    private static final long serialVersionUID = 1L;

    /** The first and current format, described in the class Javadoc. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public TypeSerializer<Marker> duplicate() {
        return new MarkerSerializer();
    }

    @Override
    public Marker createInstance() {
        return Marker.of("", 0.0, "");
    }

    @Override
    public void serialize(Marker marker, DataOutputView out) throws IOException {
        writeString(marker.streamKey(), out);
        out.writeDouble(marker.timestampSeconds());
        out.writeDouble(marker.durationSeconds());
        writeString(marker.value(), out);
    }

    @Override
    public Marker deserialize(DataInputView in) throws IOException {
        String key = readString(in, "stream key");
        double timestamp = in.readDouble();
        double duration = in.readDouble();
        String value = readString(in, "marker value");
        try {
            return new Marker(key, timestamp, duration, value);
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt serialized marker: " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializerSnapshot<Marker> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of {@link MarkerSerializer}: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<Marker> {
        public Snapshot() {
            super();
        }

        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<Marker> serializerForVersion(int version) {
            return new MarkerSerializer();
        }
    }
}
