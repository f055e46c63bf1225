package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.format.xdf.XdfWriter;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * XDF files are replayed in memory that follows the chunk size and the timestamps, not the values: a 64-channel 1 kHz
 * float32 recording written by {@link XdfWriter}, whose values alone would take {@value #EAGER_MEGABYTES} MB of heap
 * decoded whole, replays completely through an embedded Flink in a JVM with a {@value #HEAP_MEGABYTES} MB heap (its
 * 2.4 MB of timestamps held, its values decoded per chunk), and the replay that decodes it whole runs out of memory in
 * the same JVM settings ({@link HeapLimitedReplay}).
 */
class LongXdfReplayHeapITCase {
    private static final int SECONDS = 300;
    private static final int CHANNELS = 64;
    private static final int RATE_HZ = 1000;
    /** Decoded whole: 64 channels × 300,000 samples × 8 bytes. */
    private static final int EAGER_MEGABYTES = CHANNELS * SECONDS * RATE_HZ * 8 / 1_000_000;
    private static final int HEAP_MEGABYTES = HeapLimitedReplay.HEAP_MEGABYTES;
    private static final int MARKER_EVERY_SECONDS = 4;

    @TempDir
    Path dir;

    /** Writes the recording: chunks of 1000 samples of noise, and a marker every 4 s. */
    private Path generate() throws IOException {
        Path file = dir.resolve("long.xdf");
        SplittableRandom random = new SplittableRandom(7);
        StreamDescription eeg = new StreamDescription("eeg", "EEG", "EEG", "long-eeg", CHANNELS, RATE_HZ,
                ValueFormat.FLOAT32, List.of());
        StreamDescription events = new StreamDescription("events", "Markers", "Markers", "long-events", 1,
                StreamDescription.IRREGULAR_RATE, ValueFormat.STRING, List.of());
        try (XdfWriter writer = XdfWriter.open(file)) {
            long eegId = writer.addStream(eeg, "");
            long eventsId = writer.addStream(events, "");
            double[] values = new double[CHANNELS * RATE_HZ];
            double[] timestamps = new double[RATE_HZ];
            for (int second = 0; second < SECONDS; second++) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextDouble(-100, 100);
                }
                for (int s = 0; s < RATE_HZ; s++) {
                    timestamps[s] = 50.0 + second + s / (double) RATE_HZ;
                }
                writer.writeSamples(eegId, SampleChunk.withTimestamps("eeg", CHANNELS, values, timestamps,
                        RATE_HZ));
                if (second % MARKER_EVERY_SECONDS == 0) {
                    List<Marker> marker = new ArrayList<>();
                    marker.add(Marker.of("events", 50.0 + second, "second " + second));
                    writer.writeMarkers(eventsId, marker);
                }
            }
        }
        return file;
    }

    @Test
    void anXdfRecordingLargerThanTheHeapReplaysCompletelyWhereDecodingItWholeRunsOutOfMemory() throws Exception {
        assertThat(EAGER_MEGABYTES).isGreaterThan(HEAP_MEGABYTES);
        Path file = generate();

        HeapLimitedReplay.assertLazyReplayFitsWhereEagerRunsOutOfMemory(dir, file,
                (long) CHANNELS * SECONDS * RATE_HZ, SECONDS / MARKER_EVERY_SECONDS);
    }
}
