package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.ShippedRecordings;
import org.neurostream.streams.format.xdf.XdfReadOptions;

/**
 * The replay's readers count a file's streams without decoding it ({@link RecordingReader#streamCount}), and the count
 * is the number of streams they read: the enumerator plans exactly one split per replayed stream.
 */
class RecordingReaderStreamCountTest {
    @TempDir
    Path dir;

    static Stream<Path> shippedRecordings() throws IOException {
        return ShippedRecordings.all();
    }

    @ParameterizedTest
    @MethodSource("shippedRecordings")
    void theDefaultAndTheXdfOptionsReadersCountTheStreamsTheyRead(Path file) throws IOException {
        RecordingReader byFormat = new FileRecordingReader();
        RecordingReader withOptions = XdfOptionsRecordingReader.of(XdfReadOptions.defaults());

        assertThat(byFormat.streamCount(file)).isEqualTo(byFormat.read(file).streams().size());
        assertThat(withOptions.streamCount(file)).isEqualTo(withOptions.read(file).streams().size());
    }

    @Test
    void aTruncatedFileIsCountedWithTheErrorItsReadGives() throws IOException {
        Path whole = Path.of(System.getProperty("neurostream.test.data", "../test-data"), "xdf", "minimal.xdf");
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = dir.resolve("minimal-truncated.xdf");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        RecordingReader reader = new FileRecordingReader();

        RecordingFormatException counted = catchThrowableOfType(RecordingFormatException.class,
                () -> reader.streamCount(truncated));
        RecordingFormatException read = catchThrowableOfType(RecordingFormatException.class,
                () -> reader.read(truncated));

        assertThat(counted).isNotNull();
        assertThat(counted.getMessage()).isEqualTo(read.getMessage()).contains("minimal-truncated.xdf");
    }
}
