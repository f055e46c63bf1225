package org.neurostream.operators.online;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.VersionedSerializerSnapshot;

/** Serializes {@link TrialEpoch}s between operators. {@link #VERSION_1} (current): session key, recording, label (Flink StringValue), double cue time, int channel count, int n + n doubles of channel-major samples, long arrival µs. */
public final class TrialEpochSerializer extends StateSerializer<TrialEpoch> {
    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

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
    }

    @Override
    public TrialEpoch deserialize(DataInputView in) throws IOException {
        return new TrialEpoch(readString(in, "session key"), readString(in, "recording"), readString(in, "label"),
                in.readDouble(), in.readInt(), readArray(in, "epoch data"), in.readLong());
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
