package org.neurostream.streams.format.edf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurostream.streams.format.edf.EdfTestData.doubles;
import static org.neurostream.streams.format.edf.EdfTestData.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.record.ChannelInfo;

/**
 * test-data/edf-generated/sample.gdf (GDF 2.20 written from the spec by test-data/scripts/gdf_generate.py: 3 int16
 * signals at 250 Hz, 4 records of 1 s, a mode-3 event table of 4 events) read by {@link GdfReader} against
 * MNE-Python's {@code read_raw_gdf}, and corrupted variants of it.
 */
class GdfReaderTest {
    private static final Path NAME = Path.of("broken.gdf");
    /** 256-byte fixed header + 3 * 256 bytes of signal header. */
    private static final int HEADER_BYTES = 1024;
    private static final int RECORD_BYTES = 3 * 250 * 2;

    private static byte[] sample() throws IOException {
        return Files.readAllBytes(EdfTestData.file("edf-generated/sample.gdf"));
    }

    @Test
    void channelsValuesAndEventsEqualMnes() throws IOException {
        JsonNode golden = EdfTestData.json("golden/edf/generated/sample.gdf.json");
        Recording recording = Recordings.read(EdfTestData.file(golden.get("file").asText()));
        assertThat(recording.format()).isEqualTo("GDF");
        assertThat(recording.problems()).isEmpty();
        assertThat(recording.streams()).extracting(s -> s.description().streamKey())
                .containsExactly("sample.gdf#eeg", "sample.gdf#events");

        RecordedStream eeg = EdfTestData.stream(recording, "sample.gdf#eeg");
        assertThat(eeg.description().channels()).extracting(ChannelInfo::label)
                .containsExactly(strings(golden.get("ch_names")));
        assertThat(eeg.description().channels()).extracting(ChannelInfo::unit).containsOnly("uV");
        assertThat(eeg.description().nominalRateHz()).isEqualTo(golden.get("sfreq").asDouble());
        assertThat(eeg.sampleCount()).isEqualTo(golden.get("n_times").asInt());
        EdfTestData.assertAllClose(eeg.values(), EdfTestData.float64(golden.get("data").asText()), 1e-9, "values");
        assertThat(eeg.timestampsSeconds()[250]).isEqualTo(1.0);

        JsonNode ann = golden.get("annotations");
        RecordedStream events = EdfTestData.stream(recording, "sample.gdf#events");
        assertThat(events.strings()).containsExactly(strings(ann.get("description")));
        assertThat(events.timestampsSeconds()).containsExactly(doubles(ann.get("onset")));
        assertThat(events.durationsSeconds()).containsExactly(doubles(ann.get("duration")));
    }

    private static void assertFails(byte[] content, long offset, String... problem) {
        assertThatThrownBy(() -> GdfReader.read(content, NAME))
                .isInstanceOfSatisfying(RecordingFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(NAME);
                    assertThat(e.byteOffset()).as("byte offset of: %s", e.problem()).isEqualTo(offset);
                    assertThat(e.problem()).contains(problem);
                });
    }

    private static ByteBuffer littleEndian(byte[] content) {
        return ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void gdfOneIsRejectedAtTheVersionField() throws IOException {
        byte[] content = sample();
        content[4] = '1';
        assertFails(content, 0, "Version field is 'GDF 1.20'", "only GDF 2.x");
    }

    @Test
    void truncatedDataNamesTheEndOfTheFile() throws IOException {
        byte[] cut = Arrays.copyOf(sample(), HEADER_BYTES + 2 * RECORD_BYTES + 7);
        assertFails(cut, cut.length, "truncated", "declares 4 data records of 1500 bytes");
    }

    @Test
    void recordCountTooSmallLeavesDataWhereTheEventTableShouldBe() throws IOException {
        byte[] content = sample();
        littleEndian(content).putLong(236, 3);
        assertFails(content, HEADER_BYTES + 3 * RECORD_BYTES, "Event table mode is");
    }

    @Test
    void eventTableCountThatDoesNotFitTheFile() throws IOException {
        byte[] content = sample();
        int table = HEADER_BYTES + 4 * RECORD_BYTES;
        content[table + 1] = 40;
        assertFails(content, table + 1, "declares 40 events", "take 488 bytes", "56 bytes follow");
    }

    @Test
    void unsupportedDataType() throws IOException {
        byte[] content = sample();
        int typeOffset = 256 + 220 * 3 + 4;
        littleEndian(content).putInt(typeOffset, 18);
        assertFails(content, typeOffset, "Data type of signal 2 'Cz' is 18");
    }

    @Test
    void digitalMaximumEqualToMinimum() throws IOException {
        byte[] content = sample();
        int digMax = 256 + 128 * 3;
        littleEndian(content).putDouble(digMax, -32768.0);
        assertFails(content, digMax, "Scaling of signal 1 'C3' is undefined");
    }

    @Test
    void unknownRecordCountIsDerivedWithoutAnEventTable() throws IOException {
        byte[] content = Arrays.copyOf(sample(), HEADER_BYTES + 4 * RECORD_BYTES);
        littleEndian(content).putLong(236, -1);
        Recording recording = GdfReader.read(content, NAME);
        assertThat(EdfTestData.stream(recording, "broken.gdf#eeg").sampleCount()).isEqualTo(1000);
        assertThat(recording.problems()).singleElement().asString().contains("-1 (unknown)");
    }
}
