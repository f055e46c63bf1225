package org.neurostream.streams.format.edf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.Recordings;

/**
 * Corrupted variants of test-data/edf-generated/two_rates.edf (5 signals, header 1536 bytes, 4 data records of 960
 * bytes) and edf_plus_d.edf: each fails with a {@link RecordingFormatException} naming the file, the byte offset and
 * the problem, or, for a record count of -1, is read with a problem note.
 */
class EdfReaderBadInputTest {
    private static final Path NAME = Path.of("broken.edf");
    private static final int SIGNALS = 5;
    private static final int HEADER_BYTES = 256 * (SIGNALS + 1);
    private static final int RECORD_BYTES = (200 + 200 + 50 + 10 + 20) * 2;

    private static byte[] twoRates() throws IOException {
        return Files.readAllBytes(EdfTestData.file("edf-generated/two_rates.edf"));
    }

    /** Offset of field {@code column} (spec order: label 16, transducer 80, dimension 8, ...) of signal i. */
    private static int signalField(int widthsBefore, int signal, int width) {
        return 256 + widthsBefore * SIGNALS + width * signal;
    }

    private static int physicalMinimum(int signal) {
        return signalField(16 + 80 + 8, signal, 8);
    }

    private static int digitalMaximum(int signal) {
        return signalField(16 + 80 + 8 + 8 + 8 + 8, signal, 8);
    }

    private static int samplesPerRecord(int signal) {
        return signalField(16 + 80 + 8 + 8 + 8 + 8 + 8 + 80, signal, 8);
    }

    private static byte[] patch(byte[] bytes, int offset, int width, String text) {
        byte[] copy = bytes.clone();
        byte[] field = String.format("%-" + width + "s", text).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, copy, offset, width);
        return copy;
    }

    private static AbstractThrowableAssert<?, ?> assertFails(byte[] content, long offset, String... problem) {
        return assertThatThrownBy(() -> EdfReader.read(content, NAME))
                .isInstanceOfSatisfying(RecordingFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(NAME);
                    assertThat(e.byteOffset()).as("byte offset of: %s", e.problem()).isEqualTo(offset);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.getMessage()).startsWith("broken.edf: at byte " + offset + ": ");
                });
    }

    @Test
    void fileTruncatedInsideADataRecordNamesTheEndOfTheFile() throws IOException {
        byte[] cut = Arrays.copyOf(twoRates(), twoRates().length - 100);
        assertFails(cut, cut.length, "truncated", "inside data record 4 of 4", "860 of its 960 bytes");
    }

    @Test
    void fileTruncatedInsideTheFixedHeader() throws IOException {
        assertFails(Arrays.copyOf(twoRates(), 100), 100, "File ends after 100 bytes", "256-byte");
    }

    @Test
    void fileTruncatedInsideTheSignalHeader() throws IOException {
        assertFails(Arrays.copyOf(twoRates(), 700), 700, "inside the 1536-byte header of 5 signals");
    }

    @Test
    void headerRecordCountLargerThanTheFileHolds() throws IOException {
        assertFails(patch(twoRates(), 236, 8, "5"), 236, "declares 5 data records of 960 bytes",
                "holds only 4");
    }

    @Test
    void headerRecordCountSmallerWhileDataFollows() throws IOException {
        assertFails(patch(twoRates(), 236, 8, "3"), HEADER_BYTES + 3L * RECORD_BYTES,
                "declares 3 data records", "960 more bytes follow the last of them");
    }

    @Test
    void unknownRecordCountIsDerivedFromTheFileSizeWithAProblemNote() throws IOException {
        Recording recording = EdfReader.read(patch(twoRates(), 236, 8, "-1"), NAME);
        assertThat(EdfTestData.stream(recording, "broken.edf#eeg-200Hz").sampleCount()).isEqualTo(4 * 200);
        assertThat(recording.problems()).singleElement().asString()
                .contains("-1 (unknown)", "4 records derived from the file size");
    }

    @Test
    void unknownRecordCountWithAPartialLastRecord() throws IOException {
        byte[] content = patch(twoRates(), 236, 8, "-1");
        byte[] cut = Arrays.copyOf(content, content.length - 10);
        assertFails(cut, cut.length, "inside data record 4", "950 of its 960 bytes");
    }

    @Test
    void negativeRecordCountOtherThanMinusOne() throws IOException {
        assertFails(patch(twoRates(), 236, 8, "-2"), 236, "Number of data records is -2");
    }

    @Test
    void nonNumericRecordCount() throws IOException {
        assertFails(patch(twoRates(), 236, 8, "four"), 236, "Number of data records is 'four'",
                "not an integer");
    }

    @Test
    void nonNumericPhysicalMinimumNamesTheSignal() throws IOException {
        assertFails(patch(twoRates(), physicalMinimum(1), 8, "-3200,x"), physicalMinimum(1),
                "Physical minimum of signal 2 'Fp2' is '-3200.x'", "not a number");
    }

    @Test
    void wrongVersionField() throws IOException {
        assertFails(patch(twoRates(), 0, 8, "1"), 0, "Version field is '1'", "'0' and 7 spaces");
    }

    @Test
    void dispatcherNamesEdfAndBdfMagicForAnUnknownFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.edf");
        Files.writeString(file, "hello, this is not a recording");
        assertThatThrownBy(() -> Recordings.read(file))
                .isInstanceOfSatisfying(RecordingFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.byteOffset()).isZero();
                    assertThat(e.problem()).contains("not a recording", "EDF (starts with '0       ')",
                            "BDF (starts with '\\xFFBIOSEMI')");
                });
    }

    @Test
    void zeroSignals() throws IOException {
        assertFails(patch(twoRates(), 252, 4, "0"), 252, "Number of signals is 0", "between 1 and 9999");
    }

    @Test
    void negativeSignalCount() throws IOException {
        assertFails(patch(twoRates(), 252, 4, "-3"), 252, "Number of signals is -3");
    }

    @Test
    void headerByteCountDisagreesWithTheSignalCount() throws IOException {
        assertFails(patch(twoRates(), 184, 8, "1280"), 184, "header bytes is 1280", "5 signals need 1536");
    }

    @Test
    void zeroSamplesPerRecord() throws IOException {
        assertFails(patch(twoRates(), samplesPerRecord(2), 8, "0"), samplesPerRecord(2),
                "Samples per data record of signal 3 'O1' is 0", "at least 1");
    }

    @Test
    void negativeSamplesPerRecord() throws IOException {
        assertFails(patch(twoRates(), samplesPerRecord(0), 8, "-200"), samplesPerRecord(0),
                "Samples per data record of signal 1 'Fp1' is -200");
    }

    @Test
    void hugeSamplesPerRecordIsRejectedAgainstTheFileSizeBeforeAnyAllocation() throws IOException {
        byte[] content = patch(twoRates(), samplesPerRecord(0), 8, "99999999");
        assertFails(content, content.length, "truncated", "inside data record 1 of 4",
                "3840 of its 200000558 bytes");
    }

    @Test
    void digitalMaximumEqualToDigitalMinimum() throws IOException {
        assertFails(patch(twoRates(), digitalMaximum(3), 8, "0"), digitalMaximum(3),
                "Digital maximum 0.0 of signal 4 'Temp rectal' is not greater than its digital minimum 0.0");
    }

    @Test
    void zeroRecordDurationWithOrdinarySignals() throws IOException {
        assertFails(patch(twoRates(), 244, 8, "0"), 244, "Duration of a data record is 0.0 s");
    }

    @Test
    void malformedAnnotationNamesItsByte() throws IOException {
        byte[] content = twoRates();
        int annotationStart = HEADER_BYTES + (200 + 200 + 50 + 10) * 2;
        content[annotationStart] = 'x';
        assertFails(content, annotationStart, "Annotation (TAL) starts with byte 0x78");
    }

    @Test
    void discontinuousRecordWithoutTimeKeepingAnnotation() throws IOException {
        byte[] content = Files.readAllBytes(EdfTestData.file("edf-generated/edf_plus_d.edf"));
        // edf_plus_d.edf: 3 signals (header 1024 bytes), records of (50 + 50 + 30) * 2 = 260 bytes.
        int thirdRecordAnnotations = 1024 + 2 * 260 + 200;
        Arrays.fill(content, thirdRecordAnnotations, thirdRecordAnnotations + 60, (byte) 0);
        assertFails(content, thirdRecordAnnotations, "no time-keeping annotation");
    }

    @Test
    void discontinuousRecordsThatOverlap() throws IOException {
        byte[] content = Files.readAllBytes(EdfTestData.file("edf-generated/edf_plus_d.edf"));
        int secondRecordAnnotations = 1024 + 260 + 200;
        // "+3.75" becomes "+3.45": it starts before the 0.5 s record at +3.25 ends.
        assertThat(new String(content, secondRecordAnnotations, 5, StandardCharsets.US_ASCII)).isEqualTo("+3.75");
        content[secondRecordAnnotations + 3] = '4';
        content[secondRecordAnnotations + 4] = '5';
        assertFails(content, 1024 + 260, "Data record 2 starts at 3.45 s", "before record 1");
    }
}
