package org.neurostream.operators.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.classify.LdaParams;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.bci.online.AdaptiveLda;
import org.neurostream.bci.online.GuardedModel;
import org.neurostream.bci.online.OnlineLogisticRegression;
import org.neurostream.bci.online.OnlineModel;
import org.neurostream.bci.online.PrequentialScore;
import org.neurostream.bci.online.RunningNearestMean;
import org.neurostream.bci.online.StaticModel;
import org.neurostream.streams.record.SampleChunk;

class OnlineStateSerializersTest {

    private static <T> byte[] write(TypeSerializer<T> s, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> T read(TypeSerializer<T> s, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        T value = s.deserialize(in);
        assertThat(in.available()).as("trailing bytes").isZero();
        return value;
    }

    /** The serializer Flink restores from a version-{@code version} snapshot, and its compatibility with today's. */
    private static <T> TypeSerializer<T> restoredFrom(TypeSerializer<T> current, int version) throws IOException {
        TypeSerializerSnapshot<T> old = current.snapshotConfiguration();
        old.readSnapshot(version, new DataInputDeserializer(new byte[0]), getClassLoader());
        assertThat(current.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAfterMigration())
                .isTrue();
        return old.restoreSerializer();
    }

    /** {@code state} written by the classifier serializer of format {@code version}, read by what Flink restores. */
    private static ClassifierState restoredFromVersion(int version, ClassifierState state) throws IOException {
        TypeSerializer<ClassifierState> restored = restoredFrom(new ClassifierStateSerializer(), version);
        DataOutputSerializer old = new DataOutputSerializer(64);
        switch (version) {
            case 1 -> ClassifierStateSerializer.serializeV1(state, old);
            case 2 -> ClassifierStateSerializer.serializeV2(state, old);
            case 3 -> ClassifierStateSerializer.serializeV3(state, old);
            default -> throw new IllegalArgumentException("no retained writer of version " + version);
        }
        return read(restored, old.getCopyOfBuffer());
    }

    private static ClassLoader getClassLoader() {
        return OnlineStateSerializersTest.class.getClassLoader();
    }

    private static OnlineModel trained(OnlineModel m) {
        return m.learn(new double[] {1, 2, 3}, 0).learn(new double[] {-1, 0.5, 2}, 1).learn(new double[] {0, 1, 1}, 1);
    }

    private static List<OnlineModel> models() {
        int[] classes = {0, 1};
        double[][] x = {{1, 2, 3}, {-1, 0.5, 2}, {0, 1, 1}, {2, 2, 0}};
        int[] y = {0, 1, 1, 0};
        return List.of(
                trained(AdaptiveLda.fromScratch(classes, 3, 0.9, 0.1, AdaptiveLda.Mode.SUPERVISED, 0.1)),
                trained(AdaptiveLda.fromScratch(classes, 3, 0.9, 0.1, AdaptiveLda.Mode.POOLED_MEAN, 0.1))
                        .observe(new double[] {1, 1, 1}),
                trained(RunningNearestMean.fromScratch(classes, 3, 0.95)),
                trained(AdaptiveLda.fromScratch(classes, 3, 0.9, 0.1, AdaptiveLda.Mode.SUPERVISED, 0.1)
                        .withHomeostasis(0.2)),
                trained(RunningNearestMean.fromScratch(classes, 3, 0.95).withHomeostasis(0.2)),
                trained(OnlineLogisticRegression.fromScratch(classes, 3, 0.1, 1e-3, 3, 0.2)),
                trained(new StaticModel(LdaParams.shrinkageAuto().fit(x, y), 0)));
    }

    /** Models that exist from state version 4 on: guarded learners and preconditioned logistic regression. */
    private static List<OnlineModel> version4Models() {
        int[] classes = {0, 1};
        double[][] x = {{1, 2, 3}, {-1, 0.5, 2}, {0, 1, 1}, {2, 2, 0}, {1.5, 1, 2.5}, {-0.5, 1.5, 1.5}, {2, 0, 1},
                {0, 2, 0.5}};
        int[] y = {0, 1, 1, 0, 0, 1, 0, 1};
        var lda = LdaParams.shrinkageAuto().fit(x, y);
        List<OnlineModel> out = new java.util.ArrayList<>();
        for (Adaptation.Kind kind : List.of(Adaptation.Kind.LDA, Adaptation.Kind.NCM, Adaptation.Kind.LR)) {
            OnlineModel started = Adaptation.defaults(kind).start(lda);
            assertThat(started).isInstanceOf(GuardedModel.class);
            // a swap, so that the guard's errors and the lr's homeostatic step are not at their start values
            out.add(started.learn(x[0], 1).learn(x[1], 0).learn(x[2], 0));
        }
        out.add(((GuardedModel) out.get(2)).adaptive());
        return out;
    }

    @Test
    void guardedAndPreconditionedModelsRoundTripInTheCurrentVersionOnly() throws IOException {
        ClassifierStateSerializer s = new ClassifierStateSerializer();
        double[] next = {0.3, -0.2, 1.1};
        for (OnlineModel m : version4Models()) {
            ClassifierState state = new ClassifierState(m, PrequentialScore.empty(2).add(0, 1), Map.of("S001R10", 2.0));
            ClassifierState back = read(s, write(s, state));
            assertThat(back.model().getClass()).isEqualTo(m.getClass());
            assertThat(write(s, back)).isEqualTo(write(s, state));
            assertThat(back.model().decision(next)).containsExactly(m.decision(next)).doesNotContain(Double.NaN);
            assertThat(back.model().learn(next, 1).decision(next)).containsExactly(m.learn(next, 1).decision(next));
            if (m instanceof OnlineLogisticRegression lr) { // started from an LDA, it forgets its weights (λ < 1)
                assertThat(lr.forgettingFactor()).isLessThan(1);
                assertThat(((OnlineLogisticRegression) back.model()).forgettingFactor())
                        .isEqualTo(lr.forgettingFactor());
            }
            if (m instanceof GuardedModel) {
                assertThatThrownBy(() -> ClassifierStateSerializer.serializeV3(state, new DataOutputSerializer(64)))
                        .hasMessageContaining("needs classifier state format version 4");
            }
        }
    }

    @Test
    void classifierStateWrittenByVersion3RestoresLogisticRegressionAsPlainSgd() throws IOException {
        double[] next = {0.5, -1, 2};
        for (OnlineModel m : models()) {
            ClassifierState state = new ClassifierState(m, PrequentialScore.empty(2).add(1, 1), Map.of("x", 3.0));
            ClassifierState back = restoredFromVersion(3, state);
            // version-3 state holds no preconditioner and no weight forgetting: it restores as the identity and
            // λ = 1, the plain SGD with the boosted step it learned with
            if (back.model() instanceof OnlineLogisticRegression lr) {
                assertThat(lr.forgettingFactor()).isEqualTo(1);
            }
            assertThat(write(new ClassifierStateSerializer(), back))
                    .isEqualTo(write(new ClassifierStateSerializer(), state));
            assertThat(back.model().learn(next, 1).decision(next)).containsExactly(m.learn(next, 1).decision(next));
        }
    }

    @Test
    void everyModelKindRoundTripsWithItsDecisions() throws IOException {
        ClassifierStateSerializer s = new ClassifierStateSerializer();
        for (OnlineModel m : models()) {
            ClassifierState state = new ClassifierState(m, PrequentialScore.empty(2).add(0, 1).add(1, 1),
                    Map.of("S001R10", 12.5));
            ClassifierState back = read(s, write(s, state));
            assertThat(back.model().getClass()).isEqualTo(m.getClass());
            assertThat(back.model().decision(new double[] {0.3, -0.2, 1.1}))
                    .containsExactly(m.decision(new double[] {0.3, -0.2, 1.1}));
            assertThat(back.model().trialsLearned()).isEqualTo(m.trialsLearned());
            assertThat(back.score().confusion()).isDeepEqualTo(state.score().confusion());
            assertThat(back.lastCueSeconds()).isEqualTo(Map.of("S001R10", 12.5));
            assertThat(write(s, back)).isEqualTo(write(s, state));
        }
    }

    @Test
    void classifierStateWrittenByVersion1RestoresWithoutCueHistory() throws IOException {
        for (OnlineModel m : models()) {
            ClassifierState state = new ClassifierState(m, PrequentialScore.empty(2).add(1, 1), Map.of("x", 3.0));
            ClassifierState back = restoredFromVersion(1, state);
            assertThat(back.model().decision(new double[] {1, 0, 0})).containsExactly(m.decision(new double[] {1, 0, 0}));
            assertThat(back.lastCueSeconds()).isEmpty();
            assertThat(back.isNew("x", 0.0)).isTrue();
        }
    }

    @Test
    void classifierStateWrittenByVersion2RestoresWithAFixedForgettingFactor() throws IOException {
        double[] next = {0.5, -1, 2};
        for (OnlineModel m : models()) {
            ClassifierState state = new ClassifierState(m, PrequentialScore.empty(2).add(1, 1), Map.of("x", 3.0));
            ClassifierState back = restoredFromVersion(2, state);
            assertThat(back.model().decision(next)).containsExactly(m.decision(next));
            assertThat(back.lastCueSeconds()).isEqualTo(Map.of("x", 3.0));
            OnlineModel fixed = m instanceof AdaptiveLda lda ? lda.withHomeostasis(0)
                    : m instanceof RunningNearestMean ncm ? ncm.withHomeostasis(0) : m;
            // Version 2 had no homeostatic memory: the restored model learns on as a fixed-forgetting one.
            assertThat(back.model().learn(next, 1).decision(next)).containsExactly(fixed.learn(next, 1).decision(next));
        }
    }

    @Test
    void filterStateWrittenByVersion1RestoresWithUnknownLastTimestamp() throws IOException {
        FilterState state = new FilterState(new double[] {0.1, -0.2, 0.3, 0.4}, 17.25, new double[] {2.5, 7.0});
        FilterStateSerializer current = new FilterStateSerializer();
        assertThat(read(current, write(current, state)).lastTimestampSeconds()).isEqualTo(17.25);
        DataOutputSerializer v1 = new DataOutputSerializer(64);
        FilterStateSerializer.serializeV1(state, v1);
        FilterState back = read(restoredFrom(current, 1), v1.getCopyOfBuffer());
        assertThat(back.filterState()).containsExactly(state.filterState());
        assertThat(back.lastTimestampSeconds()).isNaN();
        assertThat(back.gainMeanSquare()).isEmpty();
    }

    @Test
    void filterStateKeepsTheChannelGainStateAndVersion2RestoresWithoutIt() throws IOException {
        FilterState state = new FilterState(new double[] {0.1, -0.2, 0.3, 0.4}, 17.25, new double[] {2.5, 7.0});
        FilterStateSerializer current = new FilterStateSerializer();
        assertThat(current.formatVersion()).isEqualTo(FilterStateSerializer.VERSION_3);
        FilterState same = read(current, write(current, state));
        assertThat(same.filterState()).containsExactly(state.filterState());
        assertThat(same.gainMeanSquare()).containsExactly(2.5, 7.0);
        DataOutputSerializer v2 = new DataOutputSerializer(64);
        FilterStateSerializer.serializeV2(state, v2);
        FilterState back = read(restoredFrom(current, 2), v2.getCopyOfBuffer());
        assertThat(back.filterState()).containsExactly(state.filterState());
        assertThat(back.lastTimestampSeconds()).isEqualTo(17.25);
        // No gain state in version 2: the operator starts the tracker from the calibration's reference.
        assertThat(back.gainMeanSquare()).isEmpty();
    }

    @Test
    void bufferedChunkWrittenByVersion1RestoresWithoutArrivalTime() throws IOException {
        SampleChunk chunk = SampleChunk.regular("S001R10.edf#EEG", 2, new double[] {1, 2, 3, 4, 5, 6}, 3.0, 160);
        BufferedChunk value = new BufferedChunk(chunk, 123_456L);
        BufferedChunkSerializer current = new BufferedChunkSerializer();
        assertThat(read(current, write(current, value))).isEqualTo(value);
        DataOutputSerializer v1 = new DataOutputSerializer(64);
        BufferedChunkSerializer.serializeV1(value, v1);
        BufferedChunk back = read(restoredFrom(current, 1), v1.getCopyOfBuffer());
        assertThat(back.chunk()).isEqualTo(chunk);
        assertThat(back.arrivalMicros()).isZero();
    }

    @Test
    void predictionsAndTrialsOfVersion1ReadTheirOneLatencyStartAsBoth() throws IOException {
        Prediction p = new Prediction("S001", "S001R10", 3, 20.8, "T2", "T2", 1.5, 1.0, 1.0, 42_000, 900, 3, 77);
        PredictionSerializer prediction = new PredictionSerializer();
        assertThat(read(prediction, write(prediction, p))).isEqualTo(p);
        Prediction back = read(restoredFrom(prediction, 1), write(new PredictionSerializer(1), p));
        assertThat(back).isEqualTo(new Prediction("S001", "S001R10", 3, 20.8, "T2", "T2", 1.5, 1.0, 1.0, 42_000,
                42_000, 3, 77));

        TrialFeatures f = new TrialFeatures("S001", "S001R10", "T1", 4.2, new double[] {0.5, -1},
                new double[] {0.5, -1}, 1_000, 900);
        TrialFeaturesSerializer features = new TrialFeaturesSerializer();
        TrialFeatures fBack = read(restoredFrom(features, 1), write(new TrialFeaturesSerializer(1), f));
        assertThat(fBack.lastSampleArrivalMicros()).isEqualTo(1_000);
        assertThat(fBack.lastSampleDueMicros()).isEqualTo(1_000);
        assertThat(read(features, write(features, f)).lastSampleDueMicros()).isEqualTo(900);

        TrialEpoch e = new TrialEpoch("S001", "S001R10", "T1", 4.2, 1, new double[] {1, 2}, 1_000, 900);
        TrialEpochSerializer epochs = new TrialEpochSerializer();
        TrialEpoch eBack = read(restoredFrom(epochs, 1), write(new TrialEpochSerializer(1), e));
        assertThat(eBack.lastSampleDueMicros()).isEqualTo(1_000);
        assertThat(read(epochs, write(epochs, e)).lastSampleDueMicros()).isEqualTo(900);
    }

    @Test
    void trialFeaturesOfVersion3CarryTheStaticFeaturesAndOlderVersionsReadTheFeaturesAsThem() throws IOException {
        TrialFeatures both = new TrialFeatures("S001", "S001R14", "T2", 8.1, new double[] {0.5, -1},
                new double[] {0.75, -2}, 1_000, 900);
        TrialFeaturesSerializer current = new TrialFeaturesSerializer();
        TrialFeatures back = read(current, write(current, both));
        assertThat(back.features()).containsExactly(0.5, -1);
        assertThat(back.staticFeatures()).containsExactly(0.75, -2);
        TrialFeatures one = new TrialFeatures("S001", "S001R14", "T2", 8.1, new double[] {0.5, -1},
                new double[] {0.5, -1}, 1_000, 900);
        assertThat(read(current, write(current, one)).staticFeatures()).containsExactly(0.5, -1);
        for (int version : new int[] {1, 2}) {
            TrialFeatures old = read(restoredFrom(current, version), write(new TrialFeaturesSerializer(version), both));
            assertThat(old.staticFeatures()).as("version %d", version).containsExactly(0.5, -1);
        }
    }

    @Test
    void unknownVersionAndCorruptBytesAreRejectedWithTheReason() {
        TypeSerializerSnapshot<ClassifierState> snapshot = new ClassifierStateSerializer().snapshotConfiguration();
        assertThatThrownBy(() -> snapshot.readSnapshot(5, new DataInputDeserializer(new byte[0]), getClassLoader()))
                .hasMessageContaining("unknown serializer format version 5").hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> read(new ClassifierStateSerializer(), new byte[] {9, 0, 0, 0}))
                .hasMessageContaining("unknown model tag 9");
    }
}
