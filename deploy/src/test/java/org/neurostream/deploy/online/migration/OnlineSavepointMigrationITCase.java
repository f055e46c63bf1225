package org.neurostream.deploy.online.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.operators.online.Prediction;

/**
 * State schema evolution through a real savepoint: the job of this build starts from the savepoint that
 * {@link OnlineSavepointGenerator} wrote with an older classifier-state format (versions 2 and 3, see
 * {@code test-data/savepoints/README.md}), and must predict and learn the rest of the recording exactly as the
 * uninterrupted run of that version did. Those versions had no channel gain adaptation (their filter state is version
 * 2, without the gain tracker of version 3), so they continue with the learner of their time, gains fixed; and the
 * same savepoints restore into a job that adapts the gains, whose tracker then starts from the calibration's
 * reference.
 */
class OnlineSavepointMigrationITCase {
    private static final Path SAVEPOINTS = Path.of(System.getProperty("neurostream.test.data"), "savepoints");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
                    .build());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"online-lda-state-v2", "online-lda-state-v3"})
    void aSavepointOfAnOlderClassifierStateVersionRestoresAndContinuesAsTheUninterruptedRun(String savepoint,
            @TempDir Path out) throws Exception {
        Path dir = SAVEPOINTS.resolve(savepoint);
        List<String> expected = Files.readAllLines(dir.resolve("expected.jsonl"));
        assertThat(expected).isNotEmpty();

        OnlineJob restored = new OnlineJob(OnlineSavepointGenerator.spec(out, Double.POSITIVE_INFINITY,
                dir.resolve("savepoint").toUri().toString(), WITHOUT_GAINS));
        List<Prediction> continued = runToEnd(restored, savepoint);
        // Same trials, predictions, decision scores (to the last bit), trial counts: the restored model, filter,
        // epocher and replay position are the ones the old version saved, and the model learns on as it did. The model
        // digest is left out: it is a CRC of the state in the *current* serialization format, which differs from
        // older versions by design.
        assertThat(continued).extracting(p -> withoutDigest(p.toDeterministicJson()))
                .containsExactlyElementsOf(expected.stream().map(OnlineSavepointMigrationITCase::withoutDigest)
                        .toList());
    }

    /** The learner of the savepoints' versions: adaptive LDA with the channel gains fixed. */
    private static final Adaptation WITHOUT_GAINS = Adaptation.defaults(Adaptation.Kind.LDA).withGainTimeConstant(0);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"online-lda-state-v2", "online-lda-state-v3"})
    void aSavepointWithoutGainStateRestoresIntoAJobThatAdaptsGainsAndPredictsEveryRemainingTrialOnce(String savepoint,
            @TempDir Path out) throws Exception {
        Path dir = SAVEPOINTS.resolve(savepoint);
        List<String> expected = Files.readAllLines(dir.resolve("expected.jsonl"));
        Adaptation withGains = Adaptation.defaults(Adaptation.Kind.LDA);
        assertThat(withGains.adaptsGains()).isTrue();
        OnlineJob restored = new OnlineJob(OnlineSavepointGenerator.spec(out, Double.POSITIVE_INFINITY,
                dir.resolve("savepoint").toUri().toString(), withGains));
        assertThat(restored.pipeline().channelPower()).as("the committed model holds the gain reference").isNotNull();
        List<Prediction> continued = runToEnd(restored, savepoint);
        // The filter state (version 2) restores into filter state version 3 with the tracker at the reference, and
        // the job goes on from the saved replay position: the same trials, none lost or predicted twice.
        assertThat(continued).extracting(Prediction::trial).containsExactlyElementsOf(expected.stream()
                .map(l -> Long.parseLong(l.replaceFirst(".*\"trial\":([0-9]+).*", "$1"))).toList());
    }

    private static List<Prediction> runToEnd(OnlineJob restored, String savepoint) throws Exception {
        StreamExecutionEnvironment env = OnlineSavepointGenerator.environment(restored);
        // Collected from the prediction stream, and compared with the committed part files: a savepoint's sink state
        // (an open bucket of the generator's output directory, e.g. bucket 2026-11-29--09 of state-v2) belongs to
        // another output, so this job must not claim it; when it did (before the sink's uid named its directory), a
        // run during that hour wrote these predictions into the generator's directory and none into its own.
        List<Prediction> continued = new java.util.ArrayList<>();
        try (org.apache.flink.util.CloseableIterator<Prediction> it = restored.build(env).collectAsync()) {
            org.apache.flink.core.execution.JobClient client = env.executeAsync("restored from " + savepoint);
            it.forEachRemaining(continued::add);
            client.getJobExecutionResult().get();
        }
        assertThat(OnlineJob.committedPredictionLines(restored.predictionsDir()))
                .containsExactlyInAnyOrderElementsOf(continued.stream().map(Prediction::toJson).toList());
        continued.sort(java.util.Comparator.comparing(Prediction::sessionKey).thenComparingLong(Prediction::trial));
        return continued;
    }

    private static String withoutDigest(String json) {
        return json.replaceFirst(",\"modelDigest\":-?[0-9]+", "");
    }
}
