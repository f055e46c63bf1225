package org.neurostream.streams.flink.typeinfo;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * Serializes the sealed {@link StreamData}: a tag byte ({@link #TAG_SAMPLE_CHUNK} or {@link #TAG_MARKER}) followed
 * by the {@link SampleChunkSerializer} or {@link MarkerSerializer} format.
 *
 * <p>Format {@link #VERSION_1}: as above, with both nested formats at their version 1.
 */
public final class StreamDataSerializer extends RecordSerializer<StreamData> {
    private static final long serialVersionUID = 1L;

    /** The first and current format, described in the class Javadoc. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    static final byte TAG_SAMPLE_CHUNK = 0;
    static final byte TAG_MARKER = 1;

    private final SampleChunkSerializer chunks = new SampleChunkSerializer();
    private final MarkerSerializer markers = new MarkerSerializer();

    @Override
    public TypeSerializer<StreamData> duplicate() {
        return new StreamDataSerializer();
    }

    @Override
    public StreamData createInstance() {
        return markers.createInstance();
    }

    @Override
    public void serialize(StreamData element, DataOutputView out) throws IOException {
        if (element instanceof SampleChunk chunk) {
            out.writeByte(TAG_SAMPLE_CHUNK);
            chunks.serialize(chunk, out);
        } else {
            out.writeByte(TAG_MARKER);
            markers.serialize((Marker) element, out);
        }
    }

    @Override
    public StreamData deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case TAG_SAMPLE_CHUNK -> chunks.deserialize(in);
            case TAG_MARKER -> markers.deserialize(in);
            default -> throw new IOException("Corrupt serialized stream element: tag " + tag + "; expected "
                    + TAG_SAMPLE_CHUNK + " (sample chunk) or " + TAG_MARKER + " (marker).");
        };
    }

    @Override
    public TypeSerializerSnapshot<StreamData> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of {@link StreamDataSerializer}: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<StreamData> {
        public Snapshot() {
            super();
        }

        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<StreamData> serializerForVersion(int version) {
            return new StreamDataSerializer();
        }
    }
}
