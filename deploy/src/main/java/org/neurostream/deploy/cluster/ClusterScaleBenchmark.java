package org.neurostream.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurostream.deploy.online.OnlineBenchmark;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.operators.online.Prediction;

/**
 * How many concurrent real-time sessions (64 channels × 160 Hz, eegmmidb runs replayed at real-time pace) the local
 * standalone cluster sustains, at a given parallelism: per load level N it submits the online job over N sessions
 * (hard links to one recording, each its own key) through the REST API, lets it run for a fixed wall-clock time while
 * sampling back pressure ({@code /jobs/:id/vertices/:vid/backpressure}) and the TaskManagers' CPU time, cancels it,
 * and reads the committed predictions (the trials whose windows ended within the level's time, decision latency
 * p50/p99, via {@link OnlineBenchmark#summarize}) and the last
 * checkpoint's size and duration ({@code /jobs/:id/checkpoints}).
 *
 * <p>Usage: {@code ClusterScaleBenchmark RECORDING MODEL.json SECONDS_PER_LEVEL PARALLELISM N1 N2 ...}; the cluster
 * must be running ({@code neurostream cluster start}); prints one Markdown row per level.
 */
public final class ClusterScaleBenchmark {
    private ClusterScaleBenchmark() {}

    /**
     * One level's outcome.
     *
     * @param parallelism job parallelism
     * @param level the latency summary (sessions, sessions with every trial, trials, p50, p99, load)
     * @param maxBackpressureRatio the highest back-pressured time ratio any subtask reported, 0..1
     * @param cpuSecondsPerSecond CPU time of all TaskManager processes per wall-clock second during the run
     * @param checkpointBytes the last completed checkpoint's full state size, bytes
     * @param checkpointMillis its end-to-end duration, ms
     */
    public record Result(int parallelism, OnlineBenchmark.Level level, double maxBackpressureRatio,
            double cpuSecondsPerSecond, long checkpointBytes, long checkpointMillis) {
        /** True when the level meets the real-time targets: every session's every trial, p99 ≤ limit, no back pressure. */
        public boolean sustained(double p99LimitMillis) {
            return level.trials() == level.trialsExpected() && level.p99Millis() <= p99LimitMillis
                    && maxBackpressureRatio < 0.1;
        }

        public String markdownRow() {
            OnlineBenchmark.Level l = level;
            return String.format(Locale.ROOT, "| %d | %d | %d | %d | %.1f | %.1f | %.2f | %.2f | %.1f | %d | %d | %.1f |",
                    parallelism, l.sessions(), l.sessionsComplete(), l.trials(), l.p50Millis(), l.p99Millis(),
                    maxBackpressureRatio, cpuSecondsPerSecond, checkpointBytes / 1024.0, checkpointMillis,
                    l.sessions() == 0 ? 0 : checkpointBytes / l.sessions(), l.loadAverage1m());
        }
    }

    public static final String MARKDOWN_HEADER = "| parallelism | sessions | sessions with every trial | trials "
            + "| p50 (ms) | p99 (ms) | max back-pressure ratio | TM CPU s/s | checkpoint (KiB) | checkpoint (ms) "
            + "| state bytes/session | load (1 min) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    /** Runs one level on the cluster. */
    public static Result run(StandaloneCluster cluster, String jarId, Path recording, Path model, int sessions,
            int parallelism, Duration duration, Path workDir) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("p" + parallelism + "-n" + sessions));
        List<String> args = new ArrayList<>();
        for (int k = 0; k < sessions; k++) {
            Path session = dir.resolve(String.format(Locale.ROOT, "sess%03d.edf", k));
            if (!Files.exists(session)) {
                // A hard link: readers name streams after the file a symbolic link resolves to.
                Files.createLink(session, recording.toAbsolutePath());
            }
            args.add("--source");
            args.add("file:" + session);
        }
        Path out = dir.resolve("out");
        args.addAll(List.of("--model", model.toAbsolutePath().toString(), "--out", out.toString(), "--speed", "1",
                "--checkpoint-interval", "2000"));
        FlinkRest rest = cluster.rest();
        String job = rest.runJar(jarId, new FlinkRest.JarRun("org.neurostream.deploy.jobs.OnlineBciJobMain", args,
                parallelism, null));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!"RUNNING".equals(rest.state(job)) || !allTasksRunning(rest, job)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Job " + job + " did not start within 120 s.");
            }
            Thread.sleep(200);
        }
        double cpu0 = taskManagerCpuSeconds(cluster);
        long t0 = System.nanoTime();
        double maxBackpressure = 0;
        long end = t0 + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(3000);
            maxBackpressure = Math.max(maxBackpressure, rest.maxBackpressureRatio(job));
        }
        double cpuPerSecond = (taskManagerCpuSeconds(cluster) - cpu0) / ((System.nanoTime() - t0) / 1e9);
        JsonNode latest = rest.get("/jobs/" + job + "/checkpoints").path("latest").path("completed");
        rest.cancel(job);
        rest.awaitTermination(job, Duration.ofSeconds(60));
        List<Prediction> predictions = OnlineJob.committedPredictions(out.resolve("predictions"));
        OnlineBenchmark.Level level = OnlineBenchmark.summarize(org.neurostream.streams.format.Recordings.read(
                recording), org.neurostream.bci.pipeline.PipelineJson.load(model), sessions, duration.toMillis() / 1000.0,
                predictions, Double.POSITIVE_INFINITY); // judged by Result.sustained, with its own limit
        return new Result(parallelism, level, maxBackpressure, cpuPerSecond,
                latest.path("state_size").asLong(), latest.path("end_to_end_duration").asLong());
    }

    private static boolean allTasksRunning(FlinkRest rest, String job) throws IOException {
        for (JsonNode v : rest.get("/jobs/" + job).path("vertices")) {
            if (!"RUNNING".equals(v.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    private static double taskManagerCpuSeconds(StandaloneCluster cluster) throws IOException {
        double total = 0;
        for (int i = 0; i < cluster.settings().taskManagers(); i++) {
            total += cluster.running(StandaloneCluster.taskManagerName(i))
                    .flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(0.0);
        }
        return total;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("Usage: ClusterScaleBenchmark RECORDING MODEL.json SECONDS_PER_LEVEL PARALLELISM N1 ...");
            System.exit(2);
        }
        StandaloneCluster cluster = new StandaloneCluster(StandaloneCluster.loadSettings(
                ClusterSettings.defaults(ClusterSettings.findProjectRoot())));
        Path jar = cluster.settings().projectRoot().resolve("deploy/target/neurostream-job.jar");
        String jarId = cluster.rest().uploadJar(jar);
        Path work = Files.createTempDirectory(cluster.settings().clusterDir(), "scale");
        Duration perLevel = Duration.ofMillis((long) (Double.parseDouble(args[2]) * 1000));
        int parallelism = Integer.parseInt(args[3]);
        System.out.println(MARKDOWN_HEADER);
        for (int i = 4; i < args.length; i++) {
            Result r = run(cluster, jarId, Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[i]),
                    parallelism, perLevel, work);
            System.out.println(r.markdownRow() + (r.sustained(100) ? "" : " not sustained"));
        }
    }
}
