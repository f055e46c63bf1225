package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.format.ShippedRecordings;
import org.neurostream.streams.format.xdf.XdfReadOptions;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.StreamData;

/**
 * The replay reader with the default {@link FileRecordingReader}, which opens EDF/BDF files to decode their data
 * records as the replay reaches them, emits exactly what it emitted when every file was decoded whole
 * ({@link Recordings#read} + {@link org.neurostream.streams.format.RecordedStream#slice}): the same elements (values,
 * timestamps, chunk boundaries, markers) in the same order, from the start and from restored split positions, on
 * every EDF/BDF file shipped in test-data.
 */
class LazyEdfReplayTest {
    /** The eager path as it was: each file read whole, replayed from memory. */
    private static final RecordingReader EAGER = FileRecordingReader.decodingWholeFiles();
    private static final RecordingReader LAZY = new FileRecordingReader();

    @TempDir
    Path dir;

    private static List<Path> edfAndBdfFiles() throws IOException {
        List<Path> files = ShippedRecordings.all().filter(f -> f.toString().matches(".*\\.(edf|bdf)")).toList();
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("S001R04.edf", "S001R06.edf",
                "edf_plus_d.edf", "two_rates.edf", "bdf_plus.bdf", "plain.bdf");
        return files;
    }

    /** One split per stream of each file, starting at {@code position} (clamped to the stream's end). */
    private static List<ReplaySplit> splits(List<Path> files, int position) throws IOException {
        List<ReplaySplit> splits = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Recording r = Recordings.read(files.get(i));
            for (int s = 0; s < r.streams().size(); s++) {
                splits.add(new ReplaySplit(files.get(i).toString(), i, s,
                        Math.min(position, r.streams().get(s).sampleCount())));
            }
        }
        return splits;
    }

    private static List<StreamData> replay(RecordingReader recordings, List<ReplaySplit> splits, int chunkSamples)
            throws IOException {
        ReplaySplitReader reader = new ReplaySplitReader(recordings, chunkSamples, ReplayPacing.asFastAsPossible(),
                System::nanoTime);
        reader.handleSplitsChanges(new SplitsAddition<>(splits));
        List<StreamData> out = ReplaySplitReaderTest.drain(reader, splits.size());
        reader.close();
        return out;
    }

    @ParameterizedTest(name = "chunks of {0} samples")
    @ValueSource(ints = {7, 160, 1000})
    void replayingEveryShippedEdfAndBdfFileTogetherEmitsTheElementsOfTheEagerReplay(int chunkSamples)
            throws IOException {
        List<ReplaySplit> splits = splits(edfAndBdfFiles(), 0);

        List<StreamData> lazy = replay(LAZY, splits, chunkSamples);

        assertThat(lazy).noneMatch(ReplayErrors::isError).hasSizeGreaterThan(splits.size());
        assertThat(lazy).containsExactlyElementsOf(replay(EAGER, splits, chunkSamples));
    }

    @Test
    void theReaderWithXdfOptionsReplaysEdfAndBdfFilesAsTheEagerReplayToo() throws IOException {
        List<ReplaySplit> splits = splits(edfAndBdfFiles(), 0);

        assertThat(replay(XdfOptionsRecordingReader.of(XdfReadOptions.defaults()), splits, 1000))
                .noneMatch(ReplayErrors::isError).containsExactlyElementsOf(replay(EAGER, splits, 1000));
    }

    @ParameterizedTest(name = "splits restored at sample {0}")
    @ValueSource(ints = {1, 159, 160, 161, 1234, 9999, 19_999})
    void splitsRestoredAtAPositionEmitTheElementsOfTheEagerReplayFromThere(int position) throws IOException {
        List<ReplaySplit> splits = splits(edfAndBdfFiles(), position);

        List<StreamData> lazy = replay(LAZY, splits, 1000);

        assertThat(lazy).noneMatch(ReplayErrors::isError);
        assertThat(lazy).containsExactlyElementsOf(replay(EAGER, splits, 1000));
    }

    private static List<StreamData> ofStream(List<StreamData> elements, String streamKey) {
        return elements.stream().filter(e -> e.streamKey().equals(streamKey)).toList();
    }

    @Test
    void aFileTruncatedWhileItIsReplayedEndsItsSplitsWithAnErrorRecordNamingFileAndByte() throws IOException {
        Path original = edfAndBdfFiles().stream().filter(f -> f.endsWith("S001R04.edf")).findFirst().orElseThrow();
        Path file = Files.copy(original, dir.resolve("S001R04.edf"));
        long cutAt = Files.size(file) / 2 + 11;
        List<ReplaySplit> splits = splits(List.of(file), 0);
        ReplaySplitReader reader = new ReplaySplitReader(LAZY, 1000, ReplayPacing.asFastAsPossible(),
                System::nanoTime);
        reader.handleSplitsChanges(new SplitsAddition<>(splits));
        List<StreamData> out = new ArrayList<>();
        RecordsWithSplitIds<StreamData> first = reader.fetch();
        for (String split = first.nextSplit(); split != null; split = first.nextSplit()) {
            for (StreamData e = first.nextRecordFromSplit(); e != null; e = first.nextRecordFromSplit()) {
                out.add(e);
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(cutAt);
        }
        out.addAll(ReplaySplitReaderTest.drain(reader, splits.size() - first.finishedSplits().size()));
        reader.close();

        List<StreamData> errors = out.stream().filter(ReplayErrors::isError).toList();
        assertThat(errors).hasSize(1);
        assertThat(((Marker) errors.get(0)).value()).contains(file.toString(), "at byte " + cutAt,
                "File is truncated", "while it was being replayed");
        List<StreamData> whole = replay(EAGER, splits(List.of(original), 0), 1000);
        List<StreamData> eeg = ofStream(out, "S001R04.edf#eeg");
        assertThat(eeg).as("the signal up to the cut, then nothing more of it").isNotEmpty()
                .containsExactlyElementsOf(ofStream(whole, "S001R04.edf#eeg").subList(0, eeg.size()))
                .hasSizeLessThan(ofStream(whole, "S001R04.edf#eeg").size());
        assertThat(ofStream(out, "S001R04.edf#annotations")).as("annotations, read when the file was opened")
                .containsExactlyElementsOf(ofStream(whole, "S001R04.edf#annotations"));
    }
}
