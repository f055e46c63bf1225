package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.operators.online.Prediction;

/**
 * Every prediction of a finished bounded job is committed exactly once to the job's own prediction files, whatever
 * the checkpoint timing, also when the job starts from a savepoint of a job that wrote elsewhere (the next session).
 */
class PredictionFilesITCase {
    private static final Path EEG = Path.of(System.getProperty("neurostream.test.data"), "eeg", "eegmmidb_S001");
    private static final Path MODEL = Path.of(System.getProperty("neurostream.test.data"), "models",
            "S001R06-hands-feet-csp-lda.json");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
                    .build());

    @TempDir
    Path dir;

    private static OnlineJob job(String recording, Path out, double speed, long checkpointMillis, String savepoint)
            throws Exception {
        return new OnlineJob(new RunSpec(List.of("file:" + EEG.resolve(recording)), MODEL,
                Adaptation.defaults(Adaptation.Kind.LDA), false, false, null, out, speed, 16, null, checkpointMillis,
                savepoint, false, false));
    }

    private static StreamExecutionEnvironment env(OnlineJob job) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.configuration());
        env.setParallelism(1);
        return env;
    }

    /** Runs {@code job} to its end; its predictions as they left the classifier, as file lines. */
    private static List<String> runToTheEnd(OnlineJob job, String name) throws Exception {
        StreamExecutionEnvironment env = env(job);
        List<String> streamed = new ArrayList<>();
        try (CloseableIterator<Prediction> it = job.build(env).collectAsync()) {
            JobClient client = env.executeAsync(name);
            it.forEachRemaining(p -> streamed.add(p.toJson()));
            client.getJobExecutionResult().get(120, TimeUnit.SECONDS);
        }
        return streamed;
    }

    @Test
    void shortBoundedJobsCommitEveryPredictionOnceWhateverTheCheckpointInterval() throws Exception {
        // Checkpoints far more often than the job's second of work, and far less often (none before the end).
        for (long interval : new long[] {50, 60_000}) {
            OnlineJob job = job("S001R10.edf", dir.resolve("every-" + interval), Double.POSITIVE_INFINITY, interval,
                    null);
            List<String> streamed = runToTheEnd(job, "checkpoint every " + interval + " ms");
            assertThat(streamed).hasSize(15);
            assertThat(OnlineJob.committedPredictionLines(job.predictionsDir())).as("interval %d ms", interval)
                    .containsExactlyInAnyOrderElementsOf(streamed);
        }
    }

    @Test
    void theNextSessionCommitsItsPredictionsIntoItsOwnFilesNotThePreviousSessions() throws Exception {
        // Session 1 is stopped with a savepoint while its file sink has a part file open (no checkpoint before: the
        // interval is longer than the session), so the savepoint holds an open bucket of session 1's directory.
        Path out1 = dir.resolve("session1");
        OnlineJob first = job("S001R10.edf", out1, 25, 60_000, null);
        StreamExecutionEnvironment env1 = env(first);
        first.build(env1);
        JobClient client = env1.executeAsync("session 1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!hasOpenPartFile(first.predictionsDir()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(hasOpenPartFile(first.predictionsDir())).as("session 1 wrote a prediction").isTrue();
        String savepoint = client.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        List<String> session1 = OnlineJob.committedPredictionLines(first.predictionsDir());
        assertThat(session1).isNotEmpty();

        for (long interval : new long[] {150, 60_000}) {
            OnlineJob second = job("S001R14.edf", dir.resolve("session2-" + interval), Double.POSITIVE_INFINITY,
                    interval, savepoint);
            List<String> streamed = runToTheEnd(second, "session 2, checkpoint every " + interval + " ms");
            assertThat(streamed).hasSize(15);
            assertThat(OnlineJob.committedPredictionLines(second.predictionsDir())).as("interval %d ms", interval)
                    .containsExactlyInAnyOrderElementsOf(streamed);
        }
        assertThat(OnlineJob.committedPredictionLines(first.predictionsDir())).as("session 1's files unchanged")
                .containsExactlyInAnyOrderElementsOf(session1);
    }

    /** True when the file sink has an in-progress part file (a prediction written, not yet committed). */
    private static boolean hasOpenPartFile(Path predictionsDir) throws Exception {
        if (!Files.isDirectory(predictionsDir)) {
            return false;
        }
        try (var walk = Files.walk(predictionsDir)) {
            return walk.anyMatch(p -> p.getFileName().toString().contains("inprogress"));
        }
    }
}
