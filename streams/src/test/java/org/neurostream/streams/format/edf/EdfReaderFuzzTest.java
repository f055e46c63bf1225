package org.neurostream.streams.format.edf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;

/**
 * Coverage-guided fuzzing of {@link EdfReader#read(byte[], Path)}: any byte string either reads as a recording whose
 * streams are consistent, or fails with a {@link RecordingFormatException} that names the file and an offset inside
 * (or just past) the content. Any other exception, a hang or an out-of-memory error is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs only the seeds in {@code EdfReaderFuzzTestInputs/} (a tiny EDF+ and a
 * tiny BDF+ file written by test-data/scripts/edf_generate.py); with {@code JAZZER_FUZZ=1} it fuzzes for
 * {@code maxDuration}.
 */
class EdfReaderFuzzTest {
    private static final Path NAME = Path.of("fuzz.edf");

    @FuzzTest(maxDuration = "35s")
    void readsOrFailsWithAFormatException(byte[] content) {
        Recording recording;
        try {
            recording = EdfReader.read(content, NAME);
        } catch (RecordingFormatException e) {
            assertThat(e.file()).isEqualTo(NAME);
            assertThat(e.byteOffset()).isBetween(0L, (long) content.length);
            assertThat(e.problem()).isNotBlank();
            return;
        }
        assertThat(recording.format()).isIn("EDF", "EDF+", "BDF", "BDF+");
        for (RecordedStream stream : recording.streams()) {
            assertThat(stream.description().streamKey()).startsWith("fuzz.edf#");
            if (!stream.isMarkerStream()) {
                assertThat((long) stream.values().length).isLessThanOrEqualTo(4L * content.length);
            }
        }
    }
}
