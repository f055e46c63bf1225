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
import org.neurostream.streams.format.xdf.GeneratedXdf;
import org.neurostream.streams.format.xdf.XdfReadOptions;
import org.neurostream.streams.format.xdf.XdfReader;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.StreamData;

/**
 * The replay reader with the default {@link FileRecordingReader}, which opens EDF/BDF and XDF files to decode their
 * data records or sample values as the replay reaches them, emits exactly what it emitted when every file was decoded
 * whole ({@link Recordings#read} + {@link org.neurostream.streams.format.RecordedStream#slice}): the same elements
 * (values, timestamps, chunk boundaries, markers) in the same order, from the start and from restored split
 * positions, on every EDF/BDF and XDF file shipped in test-data and a generated XDF file whose Samples chunks are cut
 * into several blocks ({@link GeneratedXdf}); a file cut while it is replayed ends its splits with an error record.
 */
class LazyReplayTest {
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

    /** Every EDF/BDF and XDF file shipped in test-data, and the generated XDF file. */
    private List<Path> lazyFiles() throws IOException {
        List<Path> files = new ArrayList<>(edfAndBdfFiles());
        List<Path> xdf = ShippedRecordings.all().filter(f -> f.toString().endsWith(".xdf")).toList();
        assertThat(xdf).extracting(f -> f.getFileName().toString()).contains("clock_resets.xdf",
                "empty_streams.xdf", "minimal.xdf");
        files.addAll(xdf);
        files.add(GeneratedXdf.write(dir.resolve("generated.xdf")));
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
    void replayingEveryEdfBdfAndXdfFileTogetherEmitsTheElementsOfTheEagerReplay(int chunkSamples)
            throws IOException {
        List<ReplaySplit> splits = splits(lazyFiles(), 0);

        List<StreamData> lazy = replay(LAZY, splits, chunkSamples);

        assertThat(lazy).noneMatch(ReplayErrors::isError).hasSizeGreaterThan(splits.size());
        assertThat(lazy).containsExactlyElementsOf(replay(EAGER, splits, chunkSamples));
    }

    @Test
    void theReaderWithXdfOptionsReplaysEveryFileAsTheEagerReplayToo() throws IOException {
        List<ReplaySplit> splits = splits(lazyFiles(), 0);

        assertThat(replay(XdfOptionsRecordingReader.of(XdfReadOptions.defaults()), splits, 1000))
                .noneMatch(ReplayErrors::isError).containsExactlyElementsOf(replay(EAGER, splits, 1000));
    }

    @Test
    void xdfFilesReplayedWithOtherOptionsEmitTheElementsOfTheirWholeReadWithThoseOptions() throws IOException {
        XdfReadOptions raw = XdfReadOptions.defaults().withSynchronizeClocks(false).withDejitterTimestamps(false);
        XdfOptionsRecordingReader lazy = XdfOptionsRecordingReader.of(raw);
        RecordingReader eager = file -> XdfReader.read(file, raw);
        List<ReplaySplit> splits = splits(lazyFiles().stream().filter(f -> f.toString().endsWith(".xdf")).toList(),
                0);

        List<StreamData> out = replay(lazy, splits, 160);

        assertThat(out).noneMatch(ReplayErrors::isError).containsExactlyElementsOf(replay(eager, splits, 160));
        assertThat(out).as("other timestamps than with the default options")
                .isNotEqualTo(replay(XdfOptionsRecordingReader.of(XdfReadOptions.defaults()), splits, 160));
    }

    @ParameterizedTest(name = "splits restored at sample {0}")
    @ValueSource(ints = {1, 159, 160, 161, 1234, 9999, 19_999})
    void splitsRestoredAtAPositionEmitTheElementsOfTheEagerReplayFromThere(int position) throws IOException {
        List<ReplaySplit> splits = splits(lazyFiles(), position);

        List<StreamData> lazy = replay(LAZY, splits, 1000);

        assertThat(lazy).noneMatch(ReplayErrors::isError);
        assertThat(lazy).containsExactlyElementsOf(replay(EAGER, splits, 1000));
    }

    private static List<StreamData> ofStream(List<StreamData> elements, String streamKey) {
        return elements.stream().filter(e -> e.streamKey().equals(streamKey)).toList();
    }

    /**
     * Replays {@code file} in chunks of 1000 samples, cutting it to {@code cutAt} bytes after the reader's first
     * fetch; returns everything emitted.
     */
    private static List<StreamData> replayCutAfterTheFirstFetch(Path file, long cutAt) throws IOException {
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
        return out;
    }

    @Test
    void aFileTruncatedWhileItIsReplayedEndsItsSplitsWithAnErrorRecordNamingFileAndByte() throws IOException {
        Path original = edfAndBdfFiles().stream().filter(f -> f.endsWith("S001R04.edf")).findFirst().orElseThrow();
        Path file = Files.copy(original, dir.resolve("S001R04.edf"));
        long cutAt = Files.size(file) / 2 + 11;

        List<StreamData> out = replayCutAfterTheFirstFetch(file, cutAt);

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

    @Test
    void anXdfFileTruncatedWhileItIsReplayedEndsItsNumericSplitsWithAnErrorRecordNamingFileAndByte()
            throws IOException {
        Path file = GeneratedXdf.write(dir.resolve("generated.xdf"));
        List<StreamData> whole = replay(EAGER, splits(List.of(file), 0), 1000);
        long cutAt = Files.size(file) / 2 + 11;

        List<StreamData> out = replayCutAfterTheFirstFetch(file, cutAt);

        List<StreamData> errors = out.stream().filter(ReplayErrors::isError).toList();
        assertThat(errors).as("the numeric streams with samples after the cut").isNotEmpty();
        assertThat(errors).allSatisfy(e -> assertThat(((Marker) e).value()).contains(file.toString(),
                "at byte " + cutAt, "File is truncated", "Samples chunk of stream", "while it was being replayed"));
        List<StreamData> eeg = ofStream(out, "generated.xdf#1");
        assertThat(eeg).as("the signal up to the cut, then nothing more of it").isNotEmpty()
                .containsExactlyElementsOf(ofStream(whole, "generated.xdf#1").subList(0, eeg.size()))
                .hasSizeLessThan(ofStream(whole, "generated.xdf#1").size());
        assertThat(ofStream(out, "generated.xdf#3")).as("the marker stream, decoded when the file was opened")
                .isNotEmpty().containsExactlyElementsOf(ofStream(whole, "generated.xdf#3"));
    }
}
