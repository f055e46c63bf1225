package org.neurostream.streams.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Recordings#outline} gives what {@link Recordings#read} gives, without the samples, and fails as it fails. */
class RecordingOutlineTest {
    @TempDir
    Path dir;

    private static Path testData() {
        return Path.of(System.getProperty("neurostream.test.data", "../test-data"));
    }

    static Stream<Path> shippedRecordings() throws IOException {
        return ShippedRecordings.all();
    }

    @ParameterizedTest
    @MethodSource("shippedRecordings")
    void theOutlineHasTheDescriptionsSampleCountsAndLastTimestampsOfTheFullRead(Path file) throws IOException {
        List<StreamOutline> expected = Recordings.read(file).streams().stream().map(StreamOutline::of).toList();

        assertThat(Recordings.outline(file)).isEqualTo(expected);
    }

    @Test
    void xdfLastTimestampsAreTheSynchronizedAndDejitteredOnes() throws IOException {
        // clock_resets.xdf: its clock offsets move every timestamp, so a raw timestamp from a footer or the last
        // Samples chunk would not be the one the replay emits last
        Path file = testData().resolve("xdf").resolve("clock_resets.xdf");
        List<StreamOutline> outline = Recordings.outline(file);
        List<RecordedStream> read = Recordings.read(file).streams();

        assertThat(outline).hasSameSizeAs(read).isNotEmpty();
        for (int i = 0; i < read.size(); i++) {
            double[] t = read.get(i).timestampsSeconds();
            assertThat(outline.get(i).lastTimestampSeconds()).isEqualTo(t[t.length - 1]);
        }
    }

    @ParameterizedTest
    @MethodSource("shippedRecordings")
    void aTruncatedFileFailsAsTheFullReadFailsNamingFileByteAndProblem(Path file) throws IOException {
        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve(file.getFileName());
        int failures = 0;
        for (int length : new int[] {whole.length - 1, whole.length * 2 / 3, whole.length / 3, 300, 40, 5}) {
            if (length <= 0 || length >= whole.length) {
                continue;
            }
            Files.write(cut, Arrays.copyOf(whole, length));

            RecordingFormatException full = catchThrowableOfType(RecordingFormatException.class,
                    () -> Recordings.read(cut));
            RecordingFormatException outlined = catchThrowableOfType(RecordingFormatException.class,
                    () -> Recordings.outline(cut));

            if (full == null) {
                // cut at a chunk boundary of an XDF file: a shorter file that is whole
                assertThat(outlined).as("%s cut to %d bytes", file.getFileName(), length).isNull();
                assertThat(Recordings.outline(cut)).isEqualTo(
                        Recordings.read(cut).streams().stream().map(StreamOutline::of).toList());
                continue;
            }
            failures++;
            assertThat(outlined).as("%s cut to %d bytes", file.getFileName(), length).isNotNull();
            assertThat(outlined.file()).isEqualTo(cut);
            assertThat(outlined.byteOffset()).isEqualTo(full.byteOffset());
            assertThat(outlined.getMessage()).isEqualTo(full.getMessage()).contains(cut.toString());
        }
        assertThat(failures).as("cuts of %s that the full read rejects", file.getFileName()).isGreaterThan(0);
    }

    @Test
    void aFileOfNoKnownFormatFailsAtByteZero() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.edf"), "just some text");

        RecordingFormatException e = catchThrowableOfType(RecordingFormatException.class,
                () -> Recordings.outline(file));

        assertThat(e.byteOffset()).isZero();
        assertThat(e.problem()).contains("supported formats");
    }
}
