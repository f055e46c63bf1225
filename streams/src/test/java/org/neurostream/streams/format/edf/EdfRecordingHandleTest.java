package org.neurostream.streams.format.edf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * An EDF/BDF file opened for replay ({@link EdfReader#open}) reads no data record when it is opened, holds the
 * records of one slice at most, and reads every record once in a replay from start to end whatever the chunk size
 * (counted by its streams, deterministically; the values themselves are compared with the full read in
 * {@code RecordingOpenTest}).
 */
class EdfRecordingHandleTest {

    private static List<EdfRecordingHandle.GroupStream> groupStreams(RecordingHandle handle) {
        return handle.streams().stream().filter(s -> !s.isMarkerStream())
                .map(s -> (EdfRecordingHandle.GroupStream) s).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eeg/S001R04.edf", "edf-generated/two_rates.edf", "edf-generated/edf_plus_d.edf",
            "edf-generated/bdf_plus.bdf", "edf-generated/plain.bdf"})
    void openingReadsNoDataRecord(String file) throws IOException {
        try (RecordingHandle handle = EdfReader.open(EdfTestData.file(file))) {
            assertThat(groupStreams(handle)).isNotEmpty().allSatisfy(s -> {
                assertThat(s.recordsRead()).isZero();
                assertThat(s.recordsHeld()).isZero();
            });
        }
    }

    /** S001R04.edf: 125 records of 160 samples (1 s at 160 Hz), 64 EEG channels. */
    @ParameterizedTest(name = "chunks of {0} samples hold at most {1} records")
    @CsvSource({"1, 1", "16, 2", "159, 2", "160, 1", "161, 3", "1000, 8", "20000, 125"})
    void aReplayInChunksHoldsOneChunksRecordsAndReadsEachRecordOnce(int chunkSamples, int maxRecords)
            throws IOException {
        Path file = EdfTestData.file("eeg/S001R04.edf");
        try (RecordingHandle handle = EdfReader.open(file)) {
            EdfRecordingHandle.GroupStream eeg = groupStreams(handle).get(0);
            assertThat(eeg.sampleCount()).isEqualTo(125 * 160);
            long samples = 0;
            for (int from = 0; from < eeg.sampleCount(); from += chunkSamples) {
                List<StreamData> chunk = eeg.slice(from, Math.min(from + chunkSamples, eeg.sampleCount()));
                samples += ((SampleChunk) chunk.get(0)).sampleCount();
                assertThat(eeg.recordsHeld()).as("records held after the slice at %d", from)
                        .isLessThanOrEqualTo(maxRecords);
                assertThat(eeg.recordsRead()).as("records read up to sample %d", from + chunkSamples)
                        .isEqualTo((Math.min(from + chunkSamples, eeg.sampleCount()) - 1) / 160 + 1);
            }
            assertThat(samples).isEqualTo(eeg.sampleCount());
            assertThat(eeg.recordsRead()).isEqualTo(125);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 37, 12_345})
    void aRestoredReplayReadsFromItsPositionOnly(int position) throws IOException {
        try (RecordingHandle handle = EdfReader.open(EdfTestData.file("eeg/S001R04.edf"))) {
            StreamHandle stream = handle.streams().get(0);
            EdfRecordingHandle.GroupStream eeg = (EdfRecordingHandle.GroupStream) stream;
            for (int from = position; from < eeg.sampleCount(); from += 1000) {
                eeg.slice(from, Math.min(from + 1000, eeg.sampleCount()));
            }
            assertThat(eeg.recordsRead()).isEqualTo(125 - position / 160);
        }
    }
}
