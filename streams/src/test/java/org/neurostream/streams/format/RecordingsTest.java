package org.neurostream.streams.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Recordings#read(Path)} picks the reader by the file's magic bytes, not its name. */
class RecordingsTest {
    @TempDir
    Path dir;

    private static Path testData() {
        return Path.of(System.getProperty("neurostream.test.data", "../test-data"));
    }

    @Test
    void xdfFileIsReadByTheXdfReaderWhateverItsName() throws Exception {
        Path copy = dir.resolve("recording.bin");
        Files.copy(testData().resolve("xdf").resolve("minimal.xdf"), copy);

        Recording recording = Recordings.read(copy);

        assertThat(recording.format()).isEqualTo("XDF");
        assertThat(recording.file()).isEqualTo(copy);
        assertThat(recording.streams()).extracting(s -> s.description().name())
                .containsExactly("SendDataC", "SendDataString");
    }

    @Test
    void unknownFormatFailsAtByteZeroListingTheSupportedFormats() throws Exception {
        Path file = dir.resolve("notes.xdf");
        Files.writeString(file, "just some text", StandardCharsets.UTF_8);

        RecordingFormatException e = catchThrowableOfType(RecordingFormatException.class,
                () -> Recordings.read(file));

        assertThat(e.file()).isEqualTo(file);
        assertThat(e.byteOffset()).isZero();
        assertThat(e.problem()).contains("supported formats", "XDF (starts with 'XDF:')");
        assertThat(Recordings.supportedFormats()).contains("XDF");
    }

    @Test
    void emptyFileSaysSo() throws Exception {
        Path file = Files.createFile(dir.resolve("empty"));

        RecordingFormatException e = catchThrowableOfType(RecordingFormatException.class,
                () -> Recordings.read(file));

        assertThat(e.byteOffset()).isZero();
        assertThat(e.problem()).contains("the file is empty");
    }
}
