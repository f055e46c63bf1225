package org.neurostream.operators.online;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.VersionedSerializerSnapshot;

/**
 * Serializes {@link TrialFeatures}s between operators. {@link #VERSION_1}: session key, recording, label, double cue
 * time, int n + n doubles of features, long arrival µs. {@link #VERSION_2}: version 1 followed by the long due µs
 * (read from version 1 as the arrival). {@link #VERSION_3} (current): version 2 followed by int m + m doubles of the
 * static features (m = 0 when they equal the features; read from versions 1 and 2 as the features).
 */
public final class TrialFeaturesSerializer extends StateSerializer<TrialFeatures> {
    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    public static final int CURRENT_VERSION = VERSION_3;

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
        if (formatVersion() >= VERSION_3) {
            boolean same = java.util.Arrays.equals(v.features(), v.staticFeatures());
            writeArray(same ? new double[0] : v.staticFeatures(), out);
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
        double[] staticFeatures = features;
        if (formatVersion() >= VERSION_3) {
            double[] read = readArray(in, "static features");
            if (read.length > 0) {
                if (read.length != features.length) {
                    throw new IOException("Trial at " + cue + " s of '" + recording + "' has " + features.length
                            + " features but " + read.length + " static features.");
                }
                staticFeatures = read;
            }
        }
        return new TrialFeatures(key, recording, label, cue, features, staticFeatures, arrival, due);
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
