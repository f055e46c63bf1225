package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.operators.online.Prediction;

/** The concurrency benchmark's sessions: N replayed sessions in, N sessions' predictions out. */
class OnlineBenchmarkITCase {
    private static final Path EEG = Path.of(System.getProperty("neurostream.test.data"), "eeg", "eegmmidb_S001");
    private static final Path MODEL = Path.of(System.getProperty("neurostream.test.data"), "models",
            "S001R06-hands-feet-csp-lda.json");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
                    .build());

    @TempDir
    Path dir;

    @Test
    void everyConcurrentSessionGetsAPredictionForEveryTrial() throws Exception {
        int sessions = 3;
        OnlineJob job = OnlineBenchmark.sessionsJob(EEG.resolve("S001R10.edf"), MODEL, sessions,
                Double.POSITIVE_INFINITY, dir);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.configuration());
        env.setParallelism(1);
        job.build(env);
        env.execute("sessions");
        List<Prediction> predictions = OnlineJob.committedPredictions(job.predictionsDir());
        Map<String, Long> perSession = predictions.stream()
                .collect(Collectors.groupingBy(Prediction::sessionKey, Collectors.counting()));
        assertThat(perSession).hasSize(sessions);
        assertThat(perSession.values()).containsOnly(15L);
        OnlineBenchmark.Level level = OnlineBenchmark.summarize(sessions, predictions);
        assertThat(level.sessionsPredicted()).isEqualTo(sessions);
        assertThat(level.trials()).isEqualTo(45);
        assertThat(level.p99Millis()).isGreaterThanOrEqualTo(level.p50Millis());
    }
}
