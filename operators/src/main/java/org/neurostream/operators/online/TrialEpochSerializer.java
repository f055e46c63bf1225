package org.neurostream.operators.online;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.VersionedSerializerSnapshot;

/**
 * Serializes {@link TrialEpoch}s between operators. {@link #VERSION_1}: session key, recording, label (Flink
 * StringValue), double cue time, int channel count, int n + n doubles of channel-major samples, long arrival µs.
 * {@link #VERSION_2} (current): version 1 followed by the long due µs (read from version 1 as the arrival).
 */
public final class TrialEpochSerializer extends StateSerializer<TrialEpoch> {
    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;

    public TrialEpochSerializer() {
        this(CURRENT_VERSION);
    }

    TrialEpochSerializer(int version) {
        super(version, CURRENT_VERSION);
    }

    @Override
    public TypeSerializer<TrialEpoch> duplicate() {
        return new TrialEpochSerializer(formatVersion());
    }

    @Override
    public TrialEpoch createInstance() {
        return null;
    }

    @Override
    public void serialize(TrialEpoch v, DataOutputView out) throws IOException {
        writeString(v.sessionKey(), out);
        writeString(v.recording(), out);
        writeString(v.label(), out);
        out.writeDouble(v.cueSeconds());
        out.writeInt(v.channelCount());
        writeArray(v.data(), out);
        out.writeLong(v.lastSampleArrivalMicros());
        if (formatVersion() >= VERSION_2) {
            out.writeLong(v.lastSampleDueMicros());
        }
    }

    @Override
    public TrialEpoch deserialize(DataInputView in) throws IOException {
        String key = readString(in, "session key");
        String recording = readString(in, "recording");
        String label = readString(in, "label");
        double cue = in.readDouble();
        int channels = in.readInt();
        double[] data = readArray(in, "epoch data");
        long arrival = in.readLong();
        long due = formatVersion() >= VERSION_2 ? in.readLong() : arrival;
        return new TrialEpoch(key, recording, label, cue, channels, data, arrival, due);
    }

    @Override
    public TypeSerializerSnapshot<TrialEpoch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<TrialEpoch> {
        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<TrialEpoch> serializerForVersion(int version) {
            return new TrialEpochSerializer(version);
        }
    }
}
