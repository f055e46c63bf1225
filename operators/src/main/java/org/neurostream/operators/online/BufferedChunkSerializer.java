package org.neurostream.operators.online;

import java.io.IOException;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.SampleChunkSerializer;
import org.neurostream.streams.flink.typeinfo.VersionedSerializerSnapshot;

/**
 * Serializes {@link BufferedChunk}.
 *
 * <p>{@link #VERSION_1}: the chunk in {@link SampleChunkSerializer}'s format. {@link #VERSION_2} (current): version 1
 * followed by the long arrival time in µs.
 */
public final class BufferedChunkSerializer extends StateSerializer<BufferedChunk> {
    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;

    private final SampleChunkSerializer chunks = new SampleChunkSerializer();

    public BufferedChunkSerializer() {
        this(CURRENT_VERSION);
    }

    BufferedChunkSerializer(int version) {
        super(version, CURRENT_VERSION);
    }

    @Override
    public TypeSerializer<BufferedChunk> duplicate() {
        return new BufferedChunkSerializer(formatVersion());
    }

    @Override
    public BufferedChunk createInstance() {
        return null;
    }

    @Override
    public void serialize(BufferedChunk value, DataOutputView out) throws IOException {
        chunks.serialize(value.chunk(), out);
        if (formatVersion() >= VERSION_2) {
            out.writeLong(value.arrivalMicros());
        }
    }

    /** The retained version-1 writer, kept to test that old state still restores. */
    @VisibleForTesting
    static void serializeV1(BufferedChunk value, DataOutputView out) throws IOException {
        new BufferedChunkSerializer(VERSION_1).serialize(value, out);
    }

    @Override
    public BufferedChunk deserialize(DataInputView in) throws IOException {
        var chunk = chunks.deserialize(in);
        long arrival = formatVersion() >= VERSION_2 ? in.readLong() : 0L;
        return new BufferedChunk(chunk, arrival);
    }

    @Override
    public TypeSerializerSnapshot<BufferedChunk> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<BufferedChunk> {
        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<BufferedChunk> serializerForVersion(int version) {
            return new BufferedChunkSerializer(version);
        }
    }
}
