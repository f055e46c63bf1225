package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay's memory follows its chunk size, not the file's length: a generated 64-channel 1 kHz EDF+ recording whose
 * values alone would take {@value #EAGER_MEGABYTES} MB of heap decoded whole replays completely through an embedded
 * Flink in a JVM with a {@value #HEAP_MEGABYTES} MB heap, and the replay that decodes it whole (as before) runs out of
 * memory in the same JVM settings. Each run is a JVM of its own ({@link ReplayToDiscardMain}); the file is written by
 * test-data/scripts/edf_long.py.
 */
class LongEdfReplayHeapITCase {
    private static final int SECONDS = 300;
    private static final int CHANNELS = 64;
    private static final int RATE_HZ = 1000;
    /** Decoded whole: 64 channels × 300,000 samples × 8 bytes. */
    private static final int EAGER_MEGABYTES = CHANNELS * SECONDS * RATE_HZ * 8 / 1_000_000;
    private static final int HEAP_MEGABYTES = 128;

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    private Path generate() throws IOException, InterruptedException {
        Path testData = Path.of(System.getProperty("neurostream.test.data", "../test-data"));
        Path file = dir.resolve("long.edf");
        Run run = run(List.of("python3", testData.resolve("scripts").resolve("edf_long.py").toString(),
                file.toString(), "--seconds", String.valueOf(SECONDS), "--channels", String.valueOf(CHANNELS),
                "--rate", String.valueOf(RATE_HZ)));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return file;
    }

    private Run replay(Path file, String decoding) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return run(List.of(java, "-Xmx" + HEAP_MEGABYTES + "m", "-XX:+ExitOnOutOfMemoryError",
                "-Dlog4j2.configurationFile=log4j2-test.xml", "-cp", System.getProperty("java.class.path"),
                ReplayToDiscardMain.class.getName(), file.toString(), decoding, "1000"));
    }

    private Run run(List<String> command) throws IOException, InterruptedException {
        File output = dir.resolve("output-" + System.nanoTime() + ".txt").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Did not finish within 120 s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void aRecordingLargerThanTheHeapReplaysCompletelyWhereDecodingItWholeRunsOutOfMemory() throws Exception {
        assertThat(EAGER_MEGABYTES).isGreaterThan(HEAP_MEGABYTES);
        Path file = generate();

        Run lazy = replay(file, "lazy");
        Run eager = replay(file, "eager");

        assertThat(lazy.exitCode()).as(lazy.output()).isZero();
        assertThat(lazy.output()).contains("channel-samples " + (long) CHANNELS * SECONDS * RATE_HZ
                + " markers " + (SECONDS / 4));
        assertThat(eager.exitCode()).as(eager.output()).isNotZero();
        assertThat(eager.output()).contains("OutOfMemoryError");
    }
}
