package org.neurostream.streams.format.edf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;

/**
 * Coverage-guided fuzzing of {@link EdfReader#read(byte[], Path)} (and of {@link GdfReader#read(byte[], Path)} for
 * content starting with {@code GDF}): any byte string either reads as a recording whose streams are consistent, or
 * fails with a {@link RecordingFormatException} that names the file and an offset inside (or just past) the
 * content. Any other exception, a hang or an out-of-memory error is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs only the seeds in {@code EdfReaderFuzzTestInputs/} (tiny EDF+, BDF+ and
 * GDF files written by test-data/scripts/edf_generate.py and gdf_generate.py); with {@code JAZZER_FUZZ=1} it fuzzes
 * for {@code maxDuration}. Checks are plain comparisons rather than AssertJ to keep executions per second high.
 */
class EdfReaderFuzzTest {
    private static final Path NAME = Path.of("fuzz.edf");

    @FuzzTest(maxDuration = "35s")
    void readsOrFailsWithAFormatException(byte[] content) {
        boolean gdf = content.length >= 3 && content[0] == 'G' && content[1] == 'D' && content[2] == 'F';
        Recording recording;
        try {
            recording = gdf ? GdfReader.read(content, NAME) : EdfReader.read(content, NAME);
        } catch (RecordingFormatException e) {
            check(e.file().equals(NAME), "error names another file: " + e.file());
            check(e.byteOffset() >= 0 && e.byteOffset() <= content.length,
                    "error offset " + e.byteOffset() + " outside the " + content.length + "-byte content");
            check(!e.problem().isBlank(), "error without a problem text");
            return;
        }
        for (RecordedStream stream : recording.streams()) {
            check(stream.description().streamKey().startsWith("fuzz.edf#"), "stream key "
                    + stream.description().streamKey());
            if (!stream.isMarkerStream()) {
                // Decoded doubles take at most 8 bytes per stored byte (int8 in GDF); more means unbounded growth.
                check((long) stream.values().length <= 8L * content.length, "more values than the content holds");
            }
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
