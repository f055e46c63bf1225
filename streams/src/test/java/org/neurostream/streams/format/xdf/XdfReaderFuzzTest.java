package org.neurostream.streams.format.xdf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;

/**
 * Coverage-guided fuzzing of {@link XdfReader} on arbitrary bytes: it either reads them or throws a
 * {@link RecordingFormatException} naming an offset inside the input; any other exception, a hang or running out of
 * memory is a finding.
 *
 * <p>streams/pom.xml runs it in {@code mvn verify} (integration-test phase) with {@code JAZZER_FUZZ=1}: the committed
 * seeds in {@code XdfReaderFuzzTestInputs/readArbitraryBytes} first, then 35 s of fuzzing. The default test run
 * leaves it out (JUnit tag {@code jazzer}).
 */
class XdfReaderFuzzTest {
    private static final Path NAME = Path.of("fuzz-input.xdf");

    @FuzzTest(maxDuration = "35s")
    void readArbitraryBytes(byte[] input) {
        Recording recording;
        try {
            recording = XdfReader.read(input, NAME, XdfReadOptions.defaults());
        } catch (RecordingFormatException e) {
            assertThat(e.file()).isEqualTo(NAME);
            assertThat(e.byteOffset()).isBetween(0L, (long) input.length);
            return;
        }
        for (RecordedStream stream : recording.streams()) {
            int samples = stream.sampleCount();
            assertThat(stream.description().streamKey()).startsWith("fuzz-input.xdf#");
            if (stream.isMarkerStream()) {
                assertThat(stream.strings()).hasSize(samples);
            } else {
                assertThat(stream.values()).hasSize(samples * stream.description().channelCount());
            }
        }
    }
}
