package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.flink.replay.HeapLimitedReplay.Run;

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
    private static final int HEAP_MEGABYTES = HeapLimitedReplay.HEAP_MEGABYTES;

    @TempDir
    Path dir;

    private Path generate() throws IOException, InterruptedException {
        Path testData = Path.of(System.getProperty("neurostream.test.data", "../test-data"));
        Path file = dir.resolve("long.edf");
        Run run = HeapLimitedReplay.run(dir, List.of("python3",
                testData.resolve("scripts").resolve("edf_long.py").toString(), file.toString(),
                "--seconds", String.valueOf(SECONDS), "--channels", String.valueOf(CHANNELS),
                "--rate", String.valueOf(RATE_HZ)));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return file;
    }

    @Test
    void aRecordingLargerThanTheHeapReplaysCompletelyWhereDecodingItWholeRunsOutOfMemory() throws Exception {
        assertThat(EAGER_MEGABYTES).isGreaterThan(HEAP_MEGABYTES);
        Path file = generate();

        HeapLimitedReplay.assertLazyReplayFitsWhereEagerRunsOutOfMemory(dir, file,
                (long) CHANNELS * SECONDS * RATE_HZ, SECONDS / 4);
    }
}
