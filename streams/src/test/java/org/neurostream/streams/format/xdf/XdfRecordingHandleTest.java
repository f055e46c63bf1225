package org.neurostream.streams.format.xdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * An XDF file opened for replay ({@link XdfReader#open}) decodes no sample value when it is opened, reads only the
 * sample blocks a replay has reached (each once, whatever the chunk size), slices into exactly the elements of the
 * full read ({@link XdfReader#read}) even where the file's chunks are cut into several blocks, fails to open exactly
 * as the full read fails, and fails a slice naming the file and byte when the file was cut or rewritten after it was
 * opened. Every shipped XDF file is compared with its full read in {@code RecordingOpenTest}.
 */
class XdfRecordingHandleTest {
    private static final String[] SHIPPED = {"clock_resets.xdf", "empty_streams.xdf", "minimal.xdf",
        "sub-P002_ses-S001_task-Default_run-001_eeg.xdf", "sub-P050_ses-S001_task-Default_run-001_eeg.xdf"};

    @TempDir
    Path dir;

    private Path generated() throws IOException {
        return GeneratedXdf.write(dir.resolve("generated.xdf"));
    }

    private static List<XdfRecordingHandle.BlockStream> blockStreams(RecordingHandle handle) {
        return handle.streams().stream().filter(s -> s instanceof XdfRecordingHandle.BlockStream)
                .map(s -> (XdfRecordingHandle.BlockStream) s).toList();
    }

    /** The block holding sample {@code sample}, from the stream's block index. */
    private static int blockOf(XdfRecordingHandle.BlockStream stream, int sample) {
        int[] first = stream.blocks().firstSamples();
        int block = 0;
        while (first[block + 1] <= sample) {
            block++;
        }
        return block;
    }

    static Stream<String> shippedFiles() {
        return Stream.of(SHIPPED);
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void openingDecodesNoSampleValueOfAShippedFile(String name) throws IOException {
        try (RecordingHandle handle = XdfReader.open(XdfTestFiles.xdf(name))) {
            assertThat(handle.streams()).isNotEmpty();
            assertThat(blockStreams(handle)).allSatisfy(s -> {
                assertThat(s.blocksRead()).isZero();
                assertThat(s.bytesHeld()).isZero();
            });
        }
    }

    @Test
    void recordingsOpenHoldsStringStreamsDecodedAndOpensNumericStreamsOnDemand() throws IOException {
        try (RecordingHandle handle = Recordings.open(generated())) {
            assertThat(handle.streams()).hasSize(4);
            assertThat(handle.streams().get(2)).isInstanceOf(RecordedStream.class);
            assertThat(blockStreams(handle)).hasSize(3).allSatisfy(s -> assertThat(s.blocksRead()).isZero());
        }
    }

    @Test
    void largeSamplesChunksAreCutIntoBlocksAndSliceIntoTheElementsOfTheFullRead() throws IOException {
        Path file = generated();
        Recording read = XdfReader.read(file);
        try (RecordingHandle handle = XdfReader.open(file)) {
            XdfRecordingHandle.BlockStream eeg = blockStreams(handle).get(0);
            assertThat(eeg.sampleCount()).isEqualTo(GeneratedXdf.eegSamples());
            assertThat(eeg.blocks().count()).as("5 chunks, the three large ones cut into blocks").isGreaterThan(10);
            for (int b = 0; b < eeg.blocks().count(); b++) {
                assertThat(eeg.blocks().end(b) - eeg.blocks().start(b))
                        .isLessThan(XdfSampleBlocks.BLOCK_BYTES + 9 + 4 * GeneratedXdf.EEG_CHANNELS);
            }
            for (int s = 0; s < handle.streams().size(); s++) {
                StreamHandle lazy = handle.streams().get(s);
                RecordedStream whole = read.streams().get(s);
                for (int chunk : new int[] {1, 16, 999, 4000, 20_000}) {
                    for (int start : new int[] {0, 37, 4001}) {
                        for (int from = Math.min(start, whole.sampleCount()); from < whole.sampleCount();
                             from += chunk) {
                            int to = Math.min(from + chunk, whole.sampleCount());
                            assertThat(lazy.slice(from, to)).as("stream %d [%d, %d)", s, from, to)
                                    .containsExactlyElementsOf(whole.slice(from, to));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "chunks of {0} samples")
    @ValueSource(ints = {1, 16, 1000, 20_000})
    void aReplayInChunksReadsOnlyTheBlocksItHasReachedAndEachBlockOnce(int chunkSamples) throws IOException {
        try (RecordingHandle handle = XdfReader.open(generated())) {
            XdfRecordingHandle.BlockStream eeg = blockStreams(handle).get(0);
            XdfSampleBlocks blocks = eeg.blocks();
            int widestSliceBytes = 0;
            long channelSamples = 0;
            for (int from = 0; from < eeg.sampleCount(); from += chunkSamples) {
                int to = Math.min(from + chunkSamples, eeg.sampleCount());
                List<StreamData> chunk = eeg.slice(from, to);
                channelSamples += (long) ((SampleChunk) chunk.get(0)).sampleCount() * eeg.description()
                        .channelCount();
                widestSliceBytes = Math.max(widestSliceBytes, blockBytes(blocks, blockOf(eeg, from),
                        blockOf(eeg, to - 1)));
                assertThat(eeg.blocksRead()).as("blocks read up to sample %d", to)
                        .isEqualTo(blockOf(eeg, to - 1) + 1);
                assertThat(eeg.bytesHeld()).as("bytes held after the slice [%d, %d)", from, to)
                        .isEqualTo(widestSliceBytes);
            }
            assertThat(channelSamples).isEqualTo((long) eeg.sampleCount() * GeneratedXdf.EEG_CHANNELS);
            assertThat(eeg.blocksRead()).isEqualTo(blocks.count());
        }
    }

    /** The bytes of blocks {@code [first, last]}: what a slice spanning them reads into its buffer. */
    private static int blockBytes(XdfSampleBlocks blocks, int first, int last) {
        int bytes = 0;
        for (int b = first; b <= last; b++) {
            bytes += blocks.end(b) - blocks.start(b);
        }
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 37, 4001, 9000})
    void aRestoredReplayReadsFromItsPositionOnly(int position) throws IOException {
        try (RecordingHandle handle = XdfReader.open(generated())) {
            XdfRecordingHandle.BlockStream eeg = blockStreams(handle).get(0);
            for (int from = position; from < eeg.sampleCount(); from += 1000) {
                eeg.slice(from, Math.min(from + 1000, eeg.sampleCount()));
            }
            assertThat(eeg.blocksRead()).isEqualTo(eeg.blocks().count() - blockOf(eeg, position));
        }
    }

    static Stream<String> generatedAndShipped() {
        return Stream.concat(Stream.of("generated.xdf"), Stream.of(SHIPPED));
    }

    private Path file(String name) throws IOException {
        return name.equals("generated.xdf") ? generated() : XdfTestFiles.xdf(name);
    }

    @ParameterizedTest
    @MethodSource("generatedAndShipped")
    void aTruncatedOrCorruptedFileFailsToOpenExactlyAsTheFullReadFails(String name) throws IOException {
        byte[] whole = Files.readAllBytes(file(name));
        Path damaged = dir.resolve("damaged-" + name);
        List<byte[]> versions = new ArrayList<>();
        for (int length : new int[] {whole.length - 1, whole.length * 2 / 3, whole.length / 3, 300, 40, 5}) {
            versions.add(Arrays.copyOf(whole, length));
        }
        for (int k = 1; k < 16; k++) {
            byte[] flipped = whole.clone();
            flipped[(int) ((long) whole.length * k / 16)] ^= (byte) 0x5A;
            versions.add(flipped);
        }
        int failures = 0;
        for (byte[] version : versions) {
            Files.write(damaged, version);
            RecordingFormatException full = catchThrowableOfType(RecordingFormatException.class,
                    () -> XdfReader.read(damaged));
            RecordingFormatException opened = catchThrowableOfType(RecordingFormatException.class,
                    () -> XdfReader.open(damaged).close());
            if (full == null) {
                assertThat(opened).as("%s opens as it reads", name).isNull();
                continue;
            }
            failures++;
            assertThat(opened).as("%s fails to open as it fails to read: %s", name, full.getMessage()).isNotNull();
            assertThat(opened.file()).isEqualTo(damaged);
            assertThat(opened.byteOffset()).isEqualTo(full.byteOffset());
            assertThat(opened.getMessage()).isEqualTo(full.getMessage()).contains(damaged.toString());
        }
        assertThat(failures).as("every truncation fails").isGreaterThanOrEqualTo(6);
    }

    @Test
    void aFileTruncatedAfterItWasOpenedFailsTheSliceNamingFileByteAndProblem() throws IOException {
        Path file = generated();
        Recording read = XdfReader.read(file);
        try (RecordingHandle handle = XdfReader.open(file)) {
            XdfRecordingHandle.BlockStream eeg = blockStreams(handle).get(0);
            int samples = eeg.sampleCount();
            assertThat(eeg.slice(0, 1000)).containsExactlyElementsOf(read.streams().get(0).slice(0, 1000));
            long cutAt = eeg.blocks().start(blockOf(eeg, samples - 1)) + 100;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(cutAt);
            }

            RecordingFormatException e = catchThrowableOfType(RecordingFormatException.class,
                    () -> eeg.slice(samples - 1000, samples));

            assertThat(e).isNotNull();
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.byteOffset()).isEqualTo(cutAt);
            assertThat(e.problem()).contains("File is truncated", "Samples chunk of stream 1 ('s1')",
                    "while it was being replayed");
            assertThat(eeg.slice(1000, 2000)).as("blocks before the cut still read")
                    .containsExactlyElementsOf(read.streams().get(0).slice(1000, 2000));
        }
    }

    /**
     * Rewrites one byte of the block holding sample 3000 of stream 1 after the file was opened: the timestamp flag of
     * a sample whose timestamp is omitted (its values would then be read 8 bytes later; the samples after it happen
     * to resynchronize within this block, so only the block's checksum shows it) or a value byte.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aSamplesChunkRewrittenAfterTheFileWasOpenedFailsTheSliceRatherThanGivingOtherValues(boolean flag)
            throws IOException {
        Path file = generated();
        try (RecordingHandle handle = XdfReader.open(file)) {
            XdfRecordingHandle.BlockStream eeg = blockStreams(handle).get(0);
            int block = blockOf(eeg, 3000);
            int start = eeg.blocks().start(block);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer first = ByteBuffer.allocate(1);
                channel.read(first, start);
                assertThat(first.get(0)).as("the block's first sample omits its timestamp").isZero();
                channel.write(ByteBuffer.wrap(new byte[] {flag ? (byte) 8 : (byte) 0x7F}), flag ? start : start + 3);
            }

            RecordingFormatException e = catchThrowableOfType(RecordingFormatException.class,
                    () -> eeg.slice(3000, 3001));

            assertThat(e).isNotNull();
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.byteOffset()).isEqualTo(start);
            assertThat(e.problem()).contains("Samples chunk of stream 1 ('s1')", "no longer holds",
                    "changed while it was being replayed");
        }
    }
}
