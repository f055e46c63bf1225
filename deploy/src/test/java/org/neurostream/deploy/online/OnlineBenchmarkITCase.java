package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.operators.online.Prediction;
import org.neurostream.streams.format.Recordings;

/**
 * The concurrency benchmark's sessions and its verdicts: N replayed sessions in, N sessions' predictions out; a level
 * whose job falls behind real time, or whose trials do not all come, is not sustained. Each job runs on an embedded
 * mini cluster of its own, as the benchmark runs it ({@link OnlineRunner}).
 */
class OnlineBenchmarkITCase {
    private static final Path EEG = Path.of(System.getProperty("neurostream.test.data"), "eeg", "eegmmidb_S001");
    private static final Path RECORDING = EEG.resolve("S001R10.edf");
    private static final Path MODEL = Path.of(System.getProperty("neurostream.test.data"), "models",
            "S001R06-hands-feet-csp-lda.json");

    @TempDir
    Path dir;

    @Test
    void sessionsReplayedFasterThanTheJobKeepsUpGetEveryTrialButTheLevelIsNotSustained() throws Exception {
        // Three sessions paced at a million times real time: their whole recordings (3 x 1250 chunks) are due within
        // half a millisecond of wall time, which no job processes in time, so later windows are cut long after their
        // last samples were due. Every trial still comes; latency from the arrival at the epocher does not see the
        // wait, latency from the scheduled time does, and the level is not sustained.
        int sessions = 3;
        OnlineJob job = OnlineBenchmark.sessionsJob(RECORDING, MODEL, sessions, 1e6, dir);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.configuration());
        env.setParallelism(1);
        job.build(env);
        env.execute("sessions");
        List<Prediction> predictions = OnlineJob.committedPredictions(job.predictionsDir());
        Map<String, Long> perSession = predictions.stream()
                .collect(Collectors.groupingBy(Prediction::sessionKey, Collectors.counting()));
        assertThat(perSession).hasSize(sessions);
        assertThat(perSession.values()).containsOnly(15L);
        OnlineBenchmark.Level level = OnlineBenchmark.summarize(Recordings.read(RECORDING), job.pipeline(), sessions,
                1e6, predictions, 50);
        assertThat(level.sessionsComplete()).isEqualTo(sessions);
        assertThat(level.trials()).isEqualTo(level.trialsExpected()).isEqualTo(45);
        assertThat(level.p99Millis()).isGreaterThan(50).isGreaterThan(level.inJobP99Millis());
        assertThat(predictions).allSatisfy(p -> assertThat(p.latencyMicros()).isGreaterThanOrEqualTo(
                p.inJobLatencyMicros()));
        assertThat(level.sustained()).isFalse();
        assertThat(level.verdict()).isEqualTo("no: p99 > 50 ms");
    }

    @Test
    void theTrialsOfALevelAreThoseWhoseWindowsEndWithinItsRecordingTime() throws Exception {
        OnlineJob job = OnlineBenchmark.sessionsJob(RECORDING, MODEL, 1, 1.0, dir);
        var recording = Recordings.read(RECORDING);
        assertThat(OnlineBenchmark.expectedCues(recording, job.pipeline(), 1e6)).hasSize(15);
        List<Double> cues = OnlineBenchmark.expectedCues(recording, job.pipeline(), 40);
        double windowEnd = Math.rint(job.pipeline().spec().tmaxSeconds() * 160) / 160;
        assertThat(cues).isNotEmpty().allSatisfy(c -> assertThat(c + windowEnd).isLessThanOrEqualTo(40));
        List<Double> all = OnlineBenchmark.expectedCues(recording, job.pipeline(), 1e6);
        assertThat(all.get(cues.size()) + windowEnd).isGreaterThan(40);
    }

    @Test
    void aLevelThatEndsBeforeEveryTrialCameIsNotSustainedAndSaysHowManyAreMissing() throws Exception {
        // Two sessions at real-time pace expected to deliver the trials of the first 40 s, cancelled after 1 s: the
        // sources did not get through the level's recording time, which no latency can show.
        var run = new OnlineBenchmark.LevelRun(2, 40, 1.0, Duration.ofSeconds(1), 50);
        OnlineBenchmark.Level level = OnlineBenchmark.measure(RECORDING, MODEL, run, dir);
        assertThat(level.trialsExpected()).isPositive();
        assertThat(level.trials()).isLessThan(level.trialsExpected());
        assertThat(level.sustained()).isFalse();
        assertThat(level.verdict()).isEqualTo("no: " + (level.trialsExpected() - level.trials()) + " trials missing");
    }
}
