package org.neurostream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.operators.online.Prediction;
import org.neurostream.streams.lsl.PylslPeer;

/**
 * liblsl on the TaskManagers of a real standalone cluster: with {@code -Dneurostream.liblsl.path} set by
 * {@link StandaloneCluster}, the online job's LSL outlet on the TaskManager publishes its predictions to an
 * independent pylsl inlet; with the path pointing at a missing file the job fails with an error naming the library
 * and the configured path.
 */
class NativeLibrariesClusterIT {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    private static final Path ROOT = DATA.toAbsolutePath().getParent();
    private static final Path JOB_JAR = Path.of(System.getProperty("neurostream.job.jar",
            ROOT.resolve("deploy/target/neurostream-job.jar").toString()));
    private static final Path LIBLSL = ROOT.resolve(".neurostream/lib").resolve(System.mapLibraryName("lsl"));

    @TempDir
    static Path work;
    static StandaloneCluster cluster;
    static String jarId;

    @BeforeAll
    static void startCluster() throws Exception {
        assertThat(LIBLSL).as("liblsl installed by scripts/setup").isRegularFile();
        cluster = new StandaloneCluster(ClusterSettings.defaults(ROOT).withClusterDir(work.resolve("cluster"))
                .withPorts(freePort(), freePort()).withTaskManagers(1, 1).withLiblsl(LIBLSL));
        cluster.start();
        jarId = cluster.rest().uploadJar(JOB_JAR);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.stop();
        }
    }

    private static List<String> onlineArgs(Path out) {
        return List.of("--source", "file:" + DATA.resolve("eeg/eegmmidb_S001/S001R10.edf").toAbsolutePath(),
                "--model", DATA.resolve("models/S001R06-hands-feet-csp-lda.json").toAbsolutePath().toString(),
                "--out", out.toString(), "--speed", "4", "--checkpoint-interval", "1000", "--lsl-out");
    }

    @Test
    void taskManagerLoadsTheConfiguredLiblslAndAPylslInletReceivesThePredictions() throws Exception {
        Path out = work.resolve("lsl-out");
        try (PylslPeer inlet = PylslPeer.start("inlet", "--pred", "name='neurostream-predictions'", "--samples",
                "15", "--timeout", "90")) {
            String job = cluster.rest().runJar(jarId, new FlinkRest.JarRun(
                    "org.neurostream.deploy.jobs.OnlineBciJobMain", onlineArgs(out), 1, null));
            assertThat(cluster.rest().awaitTermination(job, Duration.ofSeconds(120))).isEqualTo("FINISHED");
            JsonNode received = inlet.awaitJson(Duration.ofSeconds(60));
            List<String> markers = new ArrayList<>();
            received.path("samples").forEach(s -> markers.add(s.get(0).asText()));
            List<String> predicted = OnlineJob.committedPredictions(out.resolve("predictions")).stream()
                    .map(Prediction::predicted).toList();
            assertThat(predicted).hasSize(15);
            // The inlet may connect after the first predictions were pushed; what it got is the tail, in order.
            assertThat(markers).hasSizeGreaterThanOrEqualTo(10);
            assertThat(predicted.subList(predicted.size() - markers.size(), predicted.size())).isEqualTo(markers);
        }
    }

    @Test
    void missingLiblslOnTheTaskManagerFailsTheJobNamingTheLibraryAndPath() throws Exception {
        Path missing = work.resolve("nowhere").resolve(System.mapLibraryName("lsl"));
        cluster.killTaskManager(0);
        new StandaloneCluster(cluster.settings().withLiblsl(missing)).startTaskManager(0);
        FlinkRest rest = cluster.rest();
        String job = rest.runJar(jarId, new FlinkRest.JarRun("org.neurostream.deploy.jobs.OnlineBciJobMain",
                onlineArgs(work.resolve("no-lsl")), 1, null));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String exceptions = "";
        while (!exceptions.contains("liblsl not found") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            exceptions = rest.get("/jobs/" + job + "/exceptions").toString();
        }
        rest.cancel(job);
        assertThat(exceptions).contains("LslLibraryNotFoundException", "liblsl not found",
                "system property neurostream.liblsl.path", missing.toString());
        // Leave the cluster with a working TaskManager for the other test.
        cluster.killTaskManager(0);
        cluster.startTaskManager(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
