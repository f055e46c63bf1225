package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.bci.pipeline.PipelineJson;
import org.neurostream.bci.pipeline.PipelineSpec;
import org.neurostream.deploy.calibrate.LabeledEpochs;
import org.neurostream.deploy.calibrate.RecordingEpochs;
import org.neurostream.operators.online.Prediction;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.record.StreamData;

/** Continual learning across a failure (restart from the latest checkpoint) and across sessions (savepoint). */
class ContinualLearningITCase {
    private static final Path EEG = Path.of(System.getProperty("neurostream.test.data"), "eeg", "eegmmidb_S001");
    /** Test-only switch shared by every (re)started instance of the failing map: it fails exactly once. */
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
                    .build());

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void calibrate() throws Exception {
        PipelineSpec spec = PipelineSpec.named("csp-lda");
        LabeledEpochs e = RecordingEpochs.read(List.of(EEG.resolve("S001R06.edf")), List.of("T1", "T2"), spec.lowHz(),
                spec.highHz(), spec.tminSeconds(), spec.tmaxSeconds());
        model = dir.resolve("model.json");
        PipelineJson.save(org.neurostream.deploy.calibrate.Calibration.fitAll(spec, e), model);
    }

    /** Throws once, after {@code after} elements, to make the job fail mid-stream. */
    private static final class FailOnce extends RichMapFunction<StreamData, StreamData> {
        private final long after;
        private long seen;

        FailOnce(long after) {
            this.after = after;
        }

        @Override
        public StreamData map(StreamData value) {
            if (++seen == after && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("Injected failure after " + after + " elements.");
            }
            return value;
        }
    }

    private static RunSpec spec(List<String> files, Path out, double speed, String savepoint) {
        return new RunSpec(files.stream().map(f -> "file:" + EEG.resolve(f)).toList(), model,
                Adaptation.defaults(Adaptation.Kind.LDA), false, false, null, out, speed, 16, null, 150, savepoint,
                false, false);
    }

    private static StreamExecutionEnvironment env(OnlineJob job) {
        Configuration conf = job.configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        return env;
    }

    private static List<Prediction> committed(OnlineJob job) throws Exception {
        return OnlineJob.committedPredictions(job.predictionsDir());
    }

    @Test
    void failureMidStreamRestoresTheCheckpointAndLearnsEveryTrialExactlyOnce() throws Exception {
        OnlineJob reference = new OnlineJob(spec(List.of("S001R10.edf"), dir.resolve("uninterrupted"),
                Double.POSITIVE_INFINITY, null));
        StreamExecutionEnvironment env = env(reference);
        reference.build(env);
        env.execute("uninterrupted");
        List<Prediction> expected = committed(reference);
        assertThat(expected).hasSize(15);

        // Paced so that checkpoints complete before the failure (about 60 % into the recording).
        OnlineJob failing = new OnlineJob(spec(List.of("S001R10.edf"), dir.resolve("failing"), 25, null));
        StreamExecutionEnvironment env2 = env(failing);
        failing.build(env2, in -> in.map(new FailOnce(700), NeurostreamTypes.STREAM_DATA).name("fail once"));
        env2.execute("with failure");
        assertThat(FAILED).isTrue();

        List<Prediction> recovered = committed(failing);
        assertThat(OnlineJob.committedPredictionLines(failing.predictionsDir())).doesNotHaveDuplicates();
        assertThat(recovered).extracting(Prediction::toDeterministicJson)
                .containsExactlyElementsOf(expected.stream().map(Prediction::toDeterministicJson).toList());
        assertThat(recovered.get(14).modelDigest()).isEqualTo(expected.get(14).modelDigest());
        assertThat(recovered.get(14).trialsLearned()).isEqualTo(15);
    }

    /** The newest completed checkpoint ({@code chk-N} with its {@code _metadata}) under {@code dir}. */
    private static Path latestCheckpoint(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().equals("_metadata")).map(Path::getParent)
                    .max(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString()
                            .substring(4)))).orElseThrow(() -> new AssertionError("no checkpoint under " + dir));
        }
    }

    @Test
    void aJobKilledMidStreamAndStartedAgainFromItsLatestCheckpointEndsAsAnUninterruptedRun() throws Exception {
        OnlineJob reference = new OnlineJob(spec(List.of("S001R10.edf"), dir.resolve("kill-reference"),
                Double.POSITIVE_INFINITY, null));
        StreamExecutionEnvironment env = env(reference);
        reference.build(env);
        env.execute("uninterrupted");
        List<Prediction> expected = committed(reference);

        Path out = dir.resolve("killed");
        OnlineJob killed = new OnlineJob(spec(List.of("S001R10.edf"), out, 25, null));
        StreamExecutionEnvironment env1 = env(killed);
        killed.build(env1);
        JobClient client = env1.executeAsync("killed mid-stream");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (committed(killed).size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        client.cancel().get(30, TimeUnit.SECONDS);
        int beforeKill = committed(killed).size();
        assertThat(beforeKill).as("killed mid-stream").isBetween(5, 14);

        String checkpoint = latestCheckpoint(out.resolve("checkpoints")).toUri().toString();
        OnlineJob restarted = new OnlineJob(spec(List.of("S001R10.edf"), out, Double.POSITIVE_INFINITY,
                checkpoint));
        StreamExecutionEnvironment env2 = env(restarted);
        restarted.build(env2);
        env2.execute("restarted from the latest checkpoint");

        List<String> lines = OnlineJob.committedPredictionLines(out.resolve("predictions"));
        assertThat(lines).as("no duplicate lines in the file sink").doesNotHaveDuplicates().hasSize(15);
        List<Prediction> recovered = committed(restarted);
        assertThat(recovered).extracting(Prediction::toDeterministicJson)
                .containsExactlyElementsOf(expected.stream().map(Prediction::toDeterministicJson).toList());
        assertThat(recovered.get(14).modelDigest()).isEqualTo(expected.get(14).modelDigest());
    }

    @Test
    void theNextSessionStartsFromTheSavepointAndKeepsLearning() throws Exception {
        OnlineJob first = new OnlineJob(spec(List.of("S001R10.edf"), dir.resolve("session1"), 25, null));
        StreamExecutionEnvironment env = env(first);
        first.build(env);
        JobClient client = env.executeAsync("session 1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (committed(first).size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String savepoint = client.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        List<Prediction> session1 = committed(first);
        assertThat(session1.size()).as("stopped mid-session").isBetween(4, 14);
        Prediction last = session1.get(session1.size() - 1);

        OnlineJob second = new OnlineJob(spec(List.of("S001R14.edf"), dir.resolve("session2"),
                Double.POSITIVE_INFINITY, savepoint));
        StreamExecutionEnvironment env2 = env(second);
        second.build(env2);
        env2.execute("session 2");
        List<Prediction> session2 = committed(second);
        assertThat(session2).isNotEmpty();
        assertThat(session2).allSatisfy(p -> assertThat(p.recording()).isEqualTo("S001R14"));
        assertThat(session2.get(0).trial()).isEqualTo(last.trial() + 1);
        assertThat(session2.get(0).trialsLearned()).isEqualTo(last.trialsLearned() + 1);
        assertThat(session2.get(session2.size() - 1).trialsLearned())
                .isEqualTo(last.trialsLearned() + session2.size());
        assertThat(Files.exists(Path.of(java.net.URI.create(savepoint)))).isTrue();
    }
}
