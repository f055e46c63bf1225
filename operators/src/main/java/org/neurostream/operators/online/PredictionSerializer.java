package org.neurostream.operators.online;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.VersionedSerializerSnapshot;

/**
 * Serializes {@link Prediction}s between operators. {@link #VERSION_1}: session key, recording, long trial, double cue
 * time, predicted and actual class, double score, accuracy and kappa, long latency µs, trials learned and model digest.
 * {@link #VERSION_2} (current): the long in-job latency µs after the latency (read from version 1 as the latency).
 */
public final class PredictionSerializer extends StateSerializer<Prediction> {
    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;

    public PredictionSerializer() {
        this(CURRENT_VERSION);
    }

    PredictionSerializer(int version) {
        super(version, CURRENT_VERSION);
    }

    @Override
    public TypeSerializer<Prediction> duplicate() {
        return new PredictionSerializer(formatVersion());
    }

    @Override
    public Prediction createInstance() {
        return null;
    }

    @Override
    public void serialize(Prediction v, DataOutputView out) throws IOException {
        writeString(v.sessionKey(), out);
        writeString(v.recording(), out);
        out.writeLong(v.trial());
        out.writeDouble(v.cueSeconds());
        writeString(v.predicted(), out);
        writeString(v.actual(), out);
        out.writeDouble(v.score());
        out.writeDouble(v.runningAccuracy());
        out.writeDouble(v.runningKappa());
        out.writeLong(v.latencyMicros());
        if (formatVersion() >= VERSION_2) {
            out.writeLong(v.inJobLatencyMicros());
        }
        out.writeLong(v.trialsLearned());
        out.writeLong(v.modelDigest());
    }

    @Override
    public Prediction deserialize(DataInputView in) throws IOException {
        String key = readString(in, "session key");
        String recording = readString(in, "recording");
        long trial = in.readLong();
        double cue = in.readDouble();
        String predicted = readString(in, "predicted");
        String actual = readString(in, "actual");
        double score = in.readDouble();
        double accuracy = in.readDouble();
        double kappa = in.readDouble();
        long latency = in.readLong();
        long inJobLatency = formatVersion() >= VERSION_2 ? in.readLong() : latency;
        return new Prediction(key, recording, trial, cue, predicted, actual, score, accuracy, kappa, latency,
                inJobLatency, in.readLong(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<Prediction> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<Prediction> {
        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<Prediction> serializerForVersion(int version) {
            return new PredictionSerializer(version);
        }
    }
}
