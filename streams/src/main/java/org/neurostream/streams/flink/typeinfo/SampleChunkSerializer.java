package org.neurostream.streams.flink.typeinfo;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.record.SampleChunk;

/**
 * Serializes {@link SampleChunk}s.
 *
 * <p>Format {@link #VERSION_1}: stream key (Flink {@code StringValue}), int channel count, int sample count, double
 * nominal rate (Hz), byte flags (bit 0: explicit timestamps); then either {@code sampleCount} timestamp doubles
 * (explicit) or one double first timestamp (implied); then {@code channelCount × sampleCount} value doubles in the
 * chunk's channel-major order. Doubles are big-endian IEEE 754.
 */
public final class SampleChunkSerializer extends RecordSerializer<SampleChunk> {
    private static final long serialVersionUID = 1L;

    /** The first and current format, described in the class Javadoc. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    /** Upper bound on values in one chunk (2^28 doubles = 2 GiB), to reject corrupt lengths before allocating. */
    static final long MAX_VALUES = 1L << 28;

    private static final int FLAG_EXPLICIT_TIMESTAMPS = 1;

    @Override
    public TypeSerializer<SampleChunk> duplicate() {
        return new SampleChunkSerializer();
    }

    @Override
    public SampleChunk createInstance() {
        return SampleChunk.regular("", 1, new double[0], 0.0, 1.0);
    }

    @Override
    public void serialize(SampleChunk chunk, DataOutputView out) throws IOException {
        writeString(chunk.streamKey(), out);
        out.writeInt(chunk.channelCount());
        out.writeInt(chunk.sampleCount());
        out.writeDouble(chunk.nominalRateHz());
        if (chunk.hasExplicitTimestamps()) {
            out.writeByte(FLAG_EXPLICIT_TIMESTAMPS);
            writeDoubles(chunk.explicitTimestampsSeconds(), 0, chunk.sampleCount(), out);
        } else {
            out.writeByte(0);
            out.writeDouble(chunk.firstTimestampSeconds());
        }
        writeDoubles(chunk.values(), 0, chunk.values().length, out);
    }

    @Override
    public SampleChunk deserialize(DataInputView in) throws IOException {
        String key = readString(in, "stream key");
        int channels = readCount(in, "channel count", MAX_VALUES);
        int samples = readCount(in, "sample count", MAX_VALUES);
        if ((long) channels * samples > MAX_VALUES) {
            throw new IOException("Corrupt serialized chunk of stream '" + key + "': " + channels + " channels × "
                    + samples + " samples exceeds " + MAX_VALUES + " values.");
        }
        double rate = in.readDouble();
        int flags = in.readByte();
        if ((flags & ~FLAG_EXPLICIT_TIMESTAMPS) != 0) {
            throw new IOException("Corrupt serialized chunk of stream '" + key + "': unknown flags " + flags + ".");
        }
        if ((flags & FLAG_EXPLICIT_TIMESTAMPS) != 0) {
            double[] timestamps = readDoubles(samples, in);
            return SampleChunk.withTimestamps(key, channels, readDoubles(channels * samples, in), timestamps, rate);
        }
        double first = in.readDouble();
        return SampleChunk.regular(key, channels, readDoubles(channels * samples, in), first, rate);
    }

    @Override
    public TypeSerializerSnapshot<SampleChunk> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of {@link SampleChunkSerializer}: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<SampleChunk> {
        public Snapshot() {
            super();
        }

        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<SampleChunk> serializerForVersion(int version) {
            return new SampleChunkSerializer();
        }
    }
}
