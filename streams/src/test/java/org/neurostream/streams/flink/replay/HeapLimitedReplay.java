package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands for the long-replay heap tests ({@link LongEdfReplayHeapITCase}, {@link LongXdfReplayHeapITCase}):
 * a replay of one file by {@link ReplayToDiscardMain} in a JVM of its own with a small heap, or a script that writes
 * the file; output goes to a file in {@code dir}.
 */
final class HeapLimitedReplay {
    /** The heap of the replaying JVM. */
    static final int HEAP_MEGABYTES = 128;
    private static final int TIMEOUT_SECONDS = 120;

    /** A finished command: its exit code and its output (stdout and stderr). */
    record Run(int exitCode, String output) {
    }

    private HeapLimitedReplay() {
    }

    /** Replays {@code file} in chunks of 1000 samples, decoded {@code lazy} or {@code eager} (whole). */
    static Run replay(Path dir, Path file, String decoding) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return run(dir, List.of(java, "-Xmx" + HEAP_MEGABYTES + "m", "-XX:+ExitOnOutOfMemoryError",
                "-Dlog4j2.configurationFile=log4j2-test.xml", "-cp", System.getProperty("java.class.path"),
                ReplayToDiscardMain.class.getName(), file.toString(), decoding, "1000"));
    }

    /**
     * Asserts that {@code file} replays completely in the small heap by default (lazy), emitting
     * {@code channelSamples} channel-samples and {@code markers} markers, and that decoding it whole runs out of
     * memory there.
     */
    static void assertLazyReplayFitsWhereEagerRunsOutOfMemory(Path dir, Path file, long channelSamples, int markers)
            throws IOException, InterruptedException {
        Run lazy = replay(dir, file, "lazy");
        Run eager = replay(dir, file, "eager");

        assertThat(lazy.exitCode()).as(lazy.output()).isZero();
        assertThat(lazy.output()).contains("channel-samples " + channelSamples + " markers " + markers);
        assertThat(eager.exitCode()).as(eager.output()).isNotZero();
        assertThat(eager.output()).contains("OutOfMemoryError");
    }

    static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        File output = dir.resolve("output-" + System.nanoTime() + ".txt").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
    }
}
