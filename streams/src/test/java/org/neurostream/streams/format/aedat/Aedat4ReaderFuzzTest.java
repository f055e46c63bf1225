package org.neurostream.streams.format.aedat;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neurostream.streams.format.RecordingFormatException;

/**
 * Coverage-guided fuzzing of {@link Aedat4Reader}: any byte string either reads as packets whose events lie on the
 * sensor, or fails with a {@link RecordingFormatException} naming the file and an offset inside (or just past) it. Any
 * other exception, a hang or an out-of-memory error is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs only the seed in {@code Aedat4ReaderFuzzTestInputs/} (the header and first
 * packet of test-data/events/sample.aedat4); with {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}.
 */
class Aedat4ReaderFuzzTest {

    @FuzzTest(maxDuration = "35s")
    void readsOrFailsWithAFormatException(byte[] content) throws IOException {
        Path file = Files.createTempFile("fuzz", ".aedat4");
        try {
            Files.write(file, content);
            try (Aedat4Reader reader = Aedat4Reader.open(file)) {
                Aedat4StreamInfo events = reader.eventStream().orElse(null);
                Aedat4Reader.Packet packet;
                while ((packet = reader.nextPacket()) != null) {
                    assertThat(packet.byteOffset()).isBetween(0L, (long) content.length);
                }
                if (events != null) {
                    assertThat(events.width()).isGreaterThanOrEqualTo(0);
                }
            } catch (RecordingFormatException e) {
                assertThat(e.file()).isEqualTo(file);
                assertThat(e.byteOffset()).isBetween(0L, (long) content.length);
                assertThat(e.problem()).isNotBlank();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "35s")
    void lz4FramesDecodeOrFailWithAnArgumentError(byte[] frame) {
        try {
            byte[] out = Lz4FrameDecoder.decode(frame, frame.length);
            assertThat((long) out.length).isLessThanOrEqualTo(255L * frame.length + 64);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
