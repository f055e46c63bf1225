package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.deploy.cli.NeurostreamCommand;
import picocli.CommandLine;

/**
 * The dashboard page in a real browser against a real job: {@code neurostream run --ui} on the shipped example
 * (examples/hands-feet.yaml: two PhysioNet runs, 64 channels at 160 Hz, replayed at 10 × real time, about 25 s) and
 * Debian's headless Chromium driven by npm playwright-core ({@code src/test/playwright/dashboard-check.mjs}).
 *
 * <p>The page must load, its traces must move on, the scalp map, class probabilities, decisions and stream health
 * must update, and the browser must report no console error, no failed request and no HTTP error. The screenshot it
 * takes is kept as {@code target/dashboard-screenshot.png} (the README's picture, docs/images/dashboard.png, is one).
 * Skipped only when Node.js or Chromium is missing; {@code scripts/setup} installs both and playwright-core.
 */
class DashboardBrowserTest {
    private static final Path PLAYWRIGHT = Path.of("src/test/playwright");
    private static final Path SCREENSHOT = Path.of("target/dashboard-screenshot.png");
    /** Whole browser check, the job's start included. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(150);

    @TempDir
    Path dir;

    @Test
    void pageShowsLiveTracesScalpMapPredictionsAndHealthWithoutBrowserErrors() throws Exception {
        Path node = onPath("node");
        Path chromium = chromium();
        assumeTrue(node != null, "Node.js (node) is not on the PATH: install it (scripts/setup needs it for the "
                + "dashboard browser test)");
        assumeTrue(chromium != null, "Chromium is not installed (/usr/bin/chromium): run scripts/setup or apt-get "
                + "install chromium");
        assertThat(PLAYWRIGHT.resolve("node_modules/playwright-core/package.json"))
                .as("playwright-core is not installed: run scripts/setup (npm ci in %s)", PLAYWRIGHT)
                .isRegularFile();

        Path testData = Path.of(System.getProperty("neurostream.test.data", "../test-data"));
        Path eeg = testData.resolve("eeg/eegmmidb_S001");
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/";
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        // The browser starts first and opens the page as soon as the dashboard answers, so that the whole run is seen.
        Path checkErr = dir.resolve("check-stderr.txt");
        Process check = new ProcessBuilder(node.toString(), "dashboard-check.mjs", "--url", url,
                "--screenshot", SCREENSHOT.toAbsolutePath().toString(), "--chromium", chromium.toString(),
                "--server-wait-ms", "90000", "--timeout-ms", "30000", "--min-trials", "21")
                .directory(PLAYWRIGHT.toFile())
                .redirectError(checkErr.toFile())
                .start();
        CompletableFuture<String> checkOut = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The flags of examples/hands-feet.yaml, writing into a temporary directory.
        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> {
            CommandLine cl = NeurostreamCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return cl.execute("run", "--source", "file:" + eeg.resolve("S001R10.edf"),
                    "--source", "file:" + eeg.resolve("S001R14.edf"), "--sequential",
                    "--model", testData.resolve("models/S001R06-hands-feet-csp-lda.json").toString(),
                    "--adapt", "lda", "--forgetting-factor", "0.9", "--speed", "10", "--chunk-samples", "16",
                    "--checkpoint-interval", "2000", "--out", dir.resolve("run-out").toString(),
                    "--ui", "127.0.0.1:" + port);
        });
        try {
            awaitCheck(check, job);
            String text = checkOut.join().strip();
            assertThat(text).as("output of the browser check (exit %d, stderr: %s; job: %s)", check.exitValue(),
                    Files.readString(checkErr), err).startsWith("{");
            JsonNode result = new ObjectMapper().readTree(text.lines().reduce((a, b) -> b).orElseThrow());

            assertThat(strings(result.path("failures"))).as("browser checks (observations: %s)",
                    result.path("observations")).isEmpty();
            assertThat(strings(result.path("consoleErrors"))).as("console errors").isEmpty();
            assertThat(strings(result.path("failedRequests"))).as("failed requests").isEmpty();
            assertThat(strings(result.path("httpErrors"))).as("HTTP errors").isEmpty();
            assertThat(result.path("ok").asBoolean()).isTrue();

            JsonNode predictions = result.path("observations").path("predictions");
            assertThat(predictions.path("second").path("trials").asInt())
                    .isGreaterThan(predictions.path("first").path("trials").asInt());
            // One per recording (S001R10, S001R14): the PhysioNet labels are 10-10 names, so positions are known.
            assertThat(result.path("observations").path("scalpMaps").asInt()).as("scalp maps").isEqualTo(2);
            assertThat(SCREENSHOT).isRegularFile();
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(20_000);
        } finally {
            check.destroyForcibly();
            Integer exit = job.get(90, TimeUnit.SECONDS);
            assertThat(exit).as("neurostream run --ui: %s", err).isZero();
        }
    }

    /**
     * Waits for the browser check; fails when it hangs, or when the job ended long before it (the page would have
     * lost its server).
     */
    private void awaitCheck(Process check, CompletableFuture<Integer> job) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
        long jobEnded = 0;
        while (!check.waitFor(1, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            if (job.isDone() && jobEnded == 0) {
                jobEnded = now;
            }
            if (now > deadline || jobEnded != 0 && now - jobEnded > TimeUnit.SECONDS.toNanos(20)) {
                check.destroyForcibly().waitFor();
                throw new AssertionError("The browser check did not finish " + (now > deadline ? "within "
                        + CHECK_TIMEOUT.toSeconds() + " s" : "within 20 s of the job's end (exit " + job.join() + ")")
                        + "; its stderr: " + Files.readString(dir.resolve("check-stderr.txt")));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path chromium() {
        Path debian = Path.of("/usr/bin/chromium");
        return Files.isExecutable(debian) ? debian : onPath("chromium");
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
