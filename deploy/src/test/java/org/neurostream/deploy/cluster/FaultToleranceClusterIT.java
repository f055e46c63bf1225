package org.neurostream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.operators.online.Prediction;

/**
 * The online BCI job on a real standalone cluster (one JobManager and two TaskManager processes started by
 * {@link StandaloneCluster}, jobs submitted through the REST API with the packaged job jar): 40 keyed sessions
 * replayed faster than real time survive a TaskManager killed with SIGKILL, and a stop-with-savepoint rescale from
 * parallelism 2 to 1 and back, with exactly the predictions and learned models of an uninterrupted run.
 */
class FaultToleranceClusterIT {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    private static final Path ROOT = DATA.toAbsolutePath().getParent();
    private static final Path JOB_JAR = Path.of(System.getProperty("neurostream.job.jar",
            ROOT.resolve("deploy/target/neurostream-job.jar").toString()));
    private static final String ONLINE = "org.neurostream.deploy.jobs.OnlineBciJobMain";
    /** Concurrent keyed sessions (each replay split holds its 2-minute recording, ~10 MB, on the heap). */
    private static final int SESSIONS = 40;
    private static final int TRIALS_PER_SESSION = 15;
    /** Replay speed of the interrupted runs: fast, yet slow enough to interrupt mid-run. */
    private static final String SPEED = "10";
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(150);

    @TempDir
    static Path work;
    static StandaloneCluster cluster;
    static FlinkRest rest;
    static String jarId;
    static List<String> sources;
    static List<String> baseline;
    static Map<String, Long> baselineModels;

    @BeforeAll
    static void startClusterAndRunTheUninterruptedBaseline() throws Exception {
        ClusterSettings settings = ClusterSettings.defaults(ROOT).withClusterDir(work.resolve("cluster"))
                .withPorts(freePort(), freePort()).withTaskManagers(2, 1);
        cluster = new StandaloneCluster(settings);
        cluster.start();
        rest = cluster.rest();
        jarId = rest.uploadJar(JOB_JAR);
        // One recording per session under its own name, so each is its own keyed session (key = file name). Hard
        // links (or copies), not symbolic links: readers name streams after the file a symbolic link resolves to.
        Path recordings = Files.createDirectories(work.resolve("sessions"));
        sources = new ArrayList<>();
        for (int k = 0; k < SESSIONS; k++) {
            Path session = recordings.resolve(String.format(Locale.ROOT, "sess%03d.edf", k));
            Path run = DATA.resolve("eeg/eegmmidb_S001").resolve(k % 2 == 0 ? "S001R10.edf" : "S001R14.edf");
            try {
                Files.createLink(session, run);
            } catch (IOException | UnsupportedOperationException otherFileSystem) {
                Files.copy(run, session);
            }
            sources.add("file:" + session);
        }
        Path out = work.resolve("baseline");
        String job = submit(out, null, 2, "--checkpoint-interval", "1000");
        assertThat(rest.awaitTermination(job, JOB_TIMEOUT)).isEqualTo("FINISHED");
        List<Prediction> predictions = OnlineJob.committedPredictions(out.resolve("predictions"));
        baseline = deterministic(predictions);
        baselineModels = finalModels(predictions);
        assertThat(baseline).hasSize(SESSIONS * TRIALS_PER_SESSION).doesNotHaveDuplicates();
        assertThat(baselineModels).hasSize(SESSIONS);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void taskManagerKilledMidRunRecoversWithNoLostOrDuplicatedPredictionAndTheSameModels() throws Exception {
        Path out = work.resolve("killed");
        String job = submit(out, SPEED, 2, "--checkpoint-interval", "1000");
        await(() -> completedCheckpoints(job) >= 1 && committed(out) > 0, "a completed checkpoint and output");
        assertThat(rest.state(job)).isEqualTo("RUNNING");
        int committedBeforeKill = committed(out);
        assertThat(committedBeforeKill).as("killed mid-run").isLessThan(SESSIONS * TRIALS_PER_SESSION / 2);

        cluster.killTaskManager(0);
        assertThat(cluster.running("taskmanager-0")).isEmpty();
        cluster.startTaskManager(0);

        assertThat(rest.awaitTermination(job, JOB_TIMEOUT)).isEqualTo("FINISHED");
        assertThat(rest.get("/jobs/" + job + "/checkpoints").path("counts").path("restored").asLong())
                .as("restored from a checkpoint").isGreaterThanOrEqualTo(1);
        List<Prediction> predictions = OnlineJob.committedPredictions(out.resolve("predictions"));
        assertThat(deterministic(predictions)).as("no lost and no duplicated prediction").isEqualTo(baseline);
        assertThat(finalModels(predictions)).isEqualTo(baselineModels);
    }

    @Test
    void rescalingThroughSavepointsFromTwoToOneAndBackKeepsEverySessionsModel() throws Exception {
        Path out = work.resolve("rescaled");
        Path savepoints = work.resolve("savepoints");
        String first = submit(out, SPEED, 2, "--checkpoint-interval", "1000");
        await(() -> committed(out) > 0, "output at parallelism 2");
        String savepoint1 = rest.stopWithSavepoint(first, savepoints, JOB_TIMEOUT);
        int afterFirst = committed(out);

        String second = submit(out, SPEED, 1, "--checkpoint-interval", "1000", "--from-savepoint", savepoint1);
        await(() -> committed(out) > afterFirst, "output at parallelism 1");
        assertThat(rest.get("/jobs/" + second).path("vertices").findValues("parallelism"))
                .allSatisfy(p -> assertThat(p.asInt()).isEqualTo(1));
        String savepoint2 = rest.stopWithSavepoint(second, savepoints, JOB_TIMEOUT);
        assertThat(committed(out)).as("the job was stopped before its end").isLessThan(SESSIONS * TRIALS_PER_SESSION);

        String third = submit(out, SPEED, 2, "--checkpoint-interval", "1000", "--from-savepoint", savepoint2);
        assertThat(rest.awaitTermination(third, JOB_TIMEOUT)).isEqualTo("FINISHED");
        List<Prediction> predictions = OnlineJob.committedPredictions(out.resolve("predictions"));
        assertThat(deterministic(predictions)).as("no lost and no duplicated prediction").isEqualTo(baseline);
        assertThat(finalModels(predictions)).isEqualTo(baselineModels);
    }

    /** Submits the online job over all sessions; {@code --from-savepoint} in {@code extra} goes to the REST call. */
    private static String submit(Path out, String speed, Integer parallelism, String... extra) throws IOException {
        List<String> args = new ArrayList<>();
        for (String s : sources) {
            args.add("--source");
            args.add(s);
        }
        args.addAll(List.of("--model", DATA.resolve("models/S001R06-hands-feet-csp-lda.json").toAbsolutePath()
                .toString(), "--out", out.toString()));
        if (speed != null) {
            args.addAll(List.of("--speed", speed));
        }
        String savepoint = null;
        for (int i = 0; i < extra.length; i++) {
            if (extra[i].equals("--from-savepoint")) {
                savepoint = extra[++i];
            } else {
                args.add(extra[i]);
            }
        }
        return rest.runJar(jarId, new FlinkRest.JarRun(ONLINE, args, parallelism, savepoint));
    }

    private static List<String> deterministic(List<Prediction> predictions) {
        return predictions.stream().map(Prediction::toDeterministicJson).toList();
    }

    /** Each session's model digest after its last trial. */
    private static Map<String, Long> finalModels(List<Prediction> sortedPredictions) {
        Map<String, Long> models = new LinkedHashMap<>();
        for (Prediction p : sortedPredictions) {
            models.put(p.sessionKey(), p.modelDigest());
        }
        return models;
    }

    /** Committed predictions so far; the running sink renames files meanwhile, so a listing may need a retry. */
    private static int committed(Path out) {
        for (int attempt = 0; ; attempt++) {
            try {
                return OnlineJob.committedPredictionLines(out.resolve("predictions")).size();
            } catch (IOException | java.io.UncheckedIOException fileRenamedDuringTheListing) {
                if (attempt == 10) {
                    throw new IllegalStateException(fileRenamedDuringTheListing);
                }
            }
        }
    }

    private static long completedCheckpoints(String job) {
        try {
            return rest.completedCheckpoints(job);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
