package org.neurostream.operators.online;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.VersionedSerializerSnapshot;

/**
 * Serializes {@link TrialFeatures}s between operators. {@link #VERSION_1}: session key, recording, label, double cue
 * time, int n + n doubles of features, long arrival µs. {@link #VERSION_2} (current): version 1 followed by the long
 * due µs (read from version 1 as the arrival).
 */
public final class TrialFeaturesSerializer extends StateSerializer<TrialFeatures> {
    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;

    public TrialFeaturesSerializer() {
        this(CURRENT_VERSION);
    }

    TrialFeaturesSerializer(int version) {
        super(version, CURRENT_VERSION);
    }

    @Override
    public TypeSerializer<TrialFeatures> duplicate() {
        return new TrialFeaturesSerializer(formatVersion());
    }

    @Override
    public TrialFeatures createInstance() {
        return null;
    }

    @Override
    public void serialize(TrialFeatures v, DataOutputView out) throws IOException {
        writeString(v.sessionKey(), out);
        writeString(v.recording(), out);
        writeString(v.label(), out);
        out.writeDouble(v.cueSeconds());
        writeArray(v.features(), out);
        out.writeLong(v.lastSampleArrivalMicros());
        if (formatVersion() >= VERSION_2) {
            out.writeLong(v.lastSampleDueMicros());
        }
    }

    @Override
    public TrialFeatures deserialize(DataInputView in) throws IOException {
        String key = readString(in, "session key");
        String recording = readString(in, "recording");
        String label = readString(in, "label");
        double cue = in.readDouble();
        double[] features = readArray(in, "features");
        long arrival = in.readLong();
        long due = formatVersion() >= VERSION_2 ? in.readLong() : arrival;
        return new TrialFeatures(key, recording, label, cue, features, arrival, due);
    }

    @Override
    public TypeSerializerSnapshot<TrialFeatures> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<TrialFeatures> {
        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<TrialFeatures> serializerForVersion(int version) {
            return new TrialFeaturesSerializer(version);
        }
    }
}
