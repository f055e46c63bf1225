package org.neurostream.operators.online;

import java.io.IOException;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.bci.classify.ClassifierModel;
import org.neurostream.bci.classify.LdaModel;
import org.neurostream.bci.classify.LogisticRegressionModel;
import org.neurostream.bci.classify.NearestCentroidModel;
import org.neurostream.bci.linalg.Matrices;
import org.neurostream.bci.online.AdaptiveLda;
import org.neurostream.bci.online.GuardedModel;
import org.neurostream.bci.online.OnlineLogisticRegression;
import org.neurostream.bci.online.OnlineModel;
import org.neurostream.bci.online.PrequentialScore;
import org.neurostream.bci.online.RunningNearestMean;
import org.neurostream.bci.online.StaticModel;
import org.neurostream.streams.flink.typeinfo.VersionedSerializerSnapshot;

/**
 * Serializes {@link ClassifierState}: the learned model travels in checkpoints and savepoints through this class.
 *
 * <p>{@link #VERSION_1}: a model tag byte and the model's fields (arrays as int length + big-endian doubles), then the
 * confusion matrix (int n, n × n longs). Tags: 1 adaptive LDA (classes, counts, means, scatter, pooled mean, λ, α,
 * mode ordinal, η, trials), 2 running nearest mean (classes, counts, means, λ, trials), 3 online logistic regression
 * (classes, coef, intercept, step, l2, boost, accuracy rate, recent accuracy, trials), 4–6 a static LDA / logistic
 * regression / nearest centroid and its trial count. {@link #VERSION_2}: version 1 followed by the cue time
 * of the last learned trial per recording (int n, then n × (recording as Flink StringValue, double seconds)).
 * {@link #VERSION_3}: version 2, with the homeostatic memory's error rate β and recent error (two doubles)
 * after the trial count of an adaptive LDA (tag 1) or running nearest mean (tag 2). Version-1 and -2 state restores
 * with β = 0 and recent error 0: a fixed forgetting factor, as those versions learned. {@link #VERSION_4} (current):
 * version 3, with the logistic regression's preconditioner (a matrix) and its weight forgetting factor λ (a double)
 * after its intercept (tag 3), and tag 7, a
 * guarded model: the calibrated static model (as tags 4–6 with its trial count), the adaptive model (tags 1–3), then
 * the guard's error rate and the recent errors of the calibrated and the adaptive expert (three doubles). Logistic
 * regression of versions 1 to 3 restores with the identity preconditioner and λ = 1, the plain SGD with the boosted
 * step those versions learned with;
 * older versions hold no guarded models and cannot write them.
 */
public final class ClassifierStateSerializer extends StateSerializer<ClassifierState> {
    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    public static final int VERSION_4 = 4;
    public static final int CURRENT_VERSION = VERSION_4;

    public ClassifierStateSerializer() {
        this(CURRENT_VERSION);
    }

    ClassifierStateSerializer(int version) {
        super(version, CURRENT_VERSION);
    }

    @Override
    public TypeSerializer<ClassifierState> duplicate() {
        return new ClassifierStateSerializer(formatVersion());
    }

    @Override
    public ClassifierState createInstance() {
        return null;
    }

    /** The retained version-1 writer, kept to test that old state still restores. */
    @VisibleForTesting
    static void serializeV1(ClassifierState state, DataOutputView out) throws IOException {
        new ClassifierStateSerializer(VERSION_1).serialize(state, out);
    }

    /** The retained version-2 writer, kept to test that old state still restores. */
    @VisibleForTesting
    static void serializeV2(ClassifierState state, DataOutputView out) throws IOException {
        new ClassifierStateSerializer(VERSION_2).serialize(state, out);
    }

    /** The retained version-3 writer, kept to test that old state still restores. */
    @VisibleForTesting
    static void serializeV3(ClassifierState state, DataOutputView out) throws IOException {
        new ClassifierStateSerializer(VERSION_3).serialize(state, out);
    }

    @Override
    public void serialize(ClassifierState state, DataOutputView out) throws IOException {
        writeModel(state.model(), out);
        long[][] cm = state.score().confusion();
        out.writeInt(cm.length);
        for (long[] row : cm) {
            for (long v : row) {
                out.writeLong(v);
            }
        }
        if (formatVersion() >= VERSION_2) {
            out.writeInt(state.lastCueSeconds().size());
            for (var e : new java.util.TreeMap<>(state.lastCueSeconds()).entrySet()) {
                writeString(e.getKey(), out);
                out.writeDouble(e.getValue());
            }
        }
    }

    @Override
    public ClassifierState deserialize(DataInputView in) throws IOException {
        OnlineModel model = readModel(in);
        int n = readCount(in, "confusion size", 1 << 12);
        long[][] cm = new long[n][n];
        for (long[] row : cm) {
            for (int j = 0; j < n; j++) {
                row[j] = in.readLong();
            }
        }
        java.util.Map<String, Double> lastCue = new java.util.HashMap<>();
        if (formatVersion() >= VERSION_2) {
            int entries = readCount(in, "recordings", 1 << 20);
            for (int i = 0; i < entries; i++) {
                lastCue.put(readString(in, "recording"), in.readDouble());
            }
        }
        return new ClassifierState(model, new PrequentialScore(cm), lastCue);
    }

    private void writeModel(OnlineModel model, DataOutputView out) throws IOException {
        if (model instanceof AdaptiveLda m) {
            out.writeByte(1);
            writeInts(m.classes(), out);
            writeArray(m.counts(), out);
            writeMatrix(m.means(), out);
            writeMatrix(m.scatter(), out);
            writeArray(m.pooledMean(), out);
            out.writeDouble(m.forgettingFactor());
            out.writeDouble(m.shrinkage());
            out.writeByte(m.mode().ordinal());
            out.writeDouble(m.pooledMeanRate());
            out.writeLong(m.trialsLearned());
            writeHomeostasis(m.errorRate(), m.recentError(), out);
        } else if (model instanceof RunningNearestMean m) {
            out.writeByte(2);
            writeInts(m.classes(), out);
            writeArray(m.counts(), out);
            writeMatrix(m.means(), out);
            out.writeDouble(m.forgettingFactor());
            out.writeLong(m.trialsLearned());
            writeHomeostasis(m.errorRate(), m.recentError(), out);
        } else if (model instanceof OnlineLogisticRegression m) {
            out.writeByte(3);
            writeInts(m.classes(), out);
            writeMatrix(m.coef(), out);
            writeArray(m.intercept(), out);
            if (formatVersion() >= VERSION_4) {
                writeMatrix(m.preconditioner(), out);
                out.writeDouble(m.forgettingFactor());
            }
            out.writeDouble(m.learningRate());
            out.writeDouble(m.l2());
            out.writeDouble(m.boost());
            out.writeDouble(m.accuracyRate());
            out.writeDouble(m.recentAccuracy());
            out.writeLong(m.trialsLearned());
        } else if (model instanceof StaticModel s) {
            writeStatic(s.model(), out);
            out.writeLong(s.trialsLearned());
        } else if (model instanceof GuardedModel g) {
            if (formatVersion() < VERSION_4) {
                throw new IOException("A guarded model needs classifier state format version 4 or later; this "
                        + "serializer writes version " + formatVersion() + ".");
            }
            out.writeByte(7);
            writeModel(g.calibrated(), out);
            writeModel(g.adaptive(), out);
            out.writeDouble(g.errorRate());
            out.writeDouble(g.calibratedError());
            out.writeDouble(g.adaptiveError());
        }
    }

    private OnlineModel readLogisticRegression(DataInputView in) throws IOException {
        int[] classes = readInts(in, "classes");
        double[][] coef = readMatrix(in, "coef");
        double[] intercept = readArray(in, "intercept");
        double[][] preconditioner = formatVersion() >= VERSION_4 ? readMatrix(in, "preconditioner")
                : Matrices.identity(coef.length == 0 ? 1 : coef[0].length + 1);
        double forgettingFactor = formatVersion() >= VERSION_4 ? in.readDouble() : 1;
        return new OnlineLogisticRegression(classes, coef, intercept, preconditioner, forgettingFactor, in.readDouble(),
                in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong());
    }

    private OnlineModel readGuarded(DataInputView in) throws IOException {
        if (formatVersion() < VERSION_4) {
            throw new IOException("Corrupt classifier state: model tag 7 (guarded) in format version "
                    + formatVersion() + "; it exists from version 4 on.");
        }
        OnlineModel calibrated = readModel(in);
        OnlineModel adaptive = readModel(in);
        if (!(calibrated instanceof StaticModel s)) {
            throw new IOException("Corrupt classifier state: a guarded model's calibrated expert must be a static "
                    + "model (tags 4 to 6), but got a " + calibrated.getClass().getSimpleName() + ".");
        }
        return new GuardedModel(s, adaptive, in.readDouble(), in.readDouble(), in.readDouble());
    }

    private void writeHomeostasis(double errorRate, double recentError, DataOutputView out) throws IOException {
        if (formatVersion() >= VERSION_3) {
            out.writeDouble(errorRate);
            out.writeDouble(recentError);
        }
    }

    /** β and the recent error of a version-3 adaptive model; (0, 0) = fixed forgetting for older versions. */
    private double[] readHomeostasis(DataInputView in) throws IOException {
        return formatVersion() >= VERSION_3 ? new double[] {in.readDouble(), in.readDouble()} : new double[2];
    }

    private OnlineModel readAdaptiveLda(DataInputView in) throws IOException {
        int[] classes = readInts(in, "classes");
        double[] counts = readArray(in, "counts");
        double[][] means = readMatrix(in, "means");
        double[][] scatter = readMatrix(in, "scatter");
        double[] pooled = readArray(in, "pooled mean");
        double lambda = in.readDouble();
        double alpha = in.readDouble();
        AdaptiveLda.Mode mode = AdaptiveLda.Mode.values()[in.readByte()];
        double eta = in.readDouble();
        long trials = in.readLong();
        double[] h = readHomeostasis(in);
        return new AdaptiveLda(classes, counts, means, scatter, pooled, lambda, alpha, mode, eta, h[0], h[1], trials);
    }

    private OnlineModel readNearestMean(DataInputView in) throws IOException {
        int[] classes = readInts(in, "classes");
        double[] counts = readArray(in, "counts");
        double[][] means = readMatrix(in, "means");
        double lambda = in.readDouble();
        long trials = in.readLong();
        double[] h = readHomeostasis(in);
        return new RunningNearestMean(classes, counts, means, lambda, h[0], h[1], trials);
    }

    private void writeStatic(ClassifierModel model, DataOutputView out) throws IOException {
        if (model instanceof LdaModel m) {
            out.writeByte(4);
            writeInts(m.classes(), out);
            writeMatrix(m.coef(), out);
            writeArray(m.intercept(), out);
            writeMatrix(m.means(), out);
            writeArray(m.priors(), out);
            writeArray(m.shrinkage(), out);
            writeMatrix(m.covariance(), out);
        } else if (model instanceof LogisticRegressionModel m) {
            out.writeByte(5);
            writeInts(m.classes(), out);
            writeMatrix(m.coef(), out);
            writeArray(m.intercept(), out);
        } else if (model instanceof NearestCentroidModel m) {
            out.writeByte(6);
            writeInts(m.classes(), out);
            writeMatrix(m.centroids(), out);
        }
    }

    private OnlineModel readModel(DataInputView in) throws IOException {
        int tag = in.readByte();
        try {
            return switch (tag) {
                case 1 -> readAdaptiveLda(in);
                case 2 -> readNearestMean(in);
                case 3 -> readLogisticRegression(in);
                case 4 -> new StaticModel(new LdaModel(readInts(in, "classes"), readMatrix(in, "coef"),
                        readArray(in, "intercept"), readMatrix(in, "means"), readArray(in, "priors"),
                        readArray(in, "shrinkage"), readMatrix(in, "covariance")), in.readLong());
                case 5 -> new StaticModel(new LogisticRegressionModel(readInts(in, "classes"), readMatrix(in, "coef"),
                        readArray(in, "intercept")), in.readLong());
                case 6 -> new StaticModel(new NearestCentroidModel(readInts(in, "classes"),
                        readMatrix(in, "centroids")), in.readLong());
                case 7 -> readGuarded(in);
                default -> throw new IOException("Corrupt classifier state: unknown model tag " + tag
                        + "; expected 1 to 7.");
            };
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("Corrupt classifier state (model tag " + tag + "): " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializerSnapshot<ClassifierState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<ClassifierState> {
        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<ClassifierState> serializerForVersion(int version) {
            return new ClassifierStateSerializer(version);
        }
    }
}
