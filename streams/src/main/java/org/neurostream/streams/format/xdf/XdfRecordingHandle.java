package org.neurostream.streams.format.xdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.zip.CRC32C;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.format.TruncationCheckedFile;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * An XDF file opened for replay ({@link XdfReader#open}): every chunk was walked and checked as {@link XdfReader#read}
 * checks it, and each numeric stream keeps its final timestamps (clock-synchronized and dejittered as the full read
 * computes them; one {@code double} per sample, a channel's share of the values) and where its samples lie
 * ({@link XdfSampleBlocks}); its values are read from the file and decoded when a slice asks for them, only the blocks
 * the slice spans. String (marker) streams are held decoded, as the full read gives them.
 *
 * <p>Reads through a {@link TruncationCheckedFile} (plain reads) rather than a mapped buffer, and checks each block read
 * against the CRC-32C its bytes had when the file was opened (4 bytes per block), so that a file truncated or
 * rewritten while it is replayed fails the slice with a {@link RecordingFormatException} naming the file and byte
 * instead of a fault in mapped memory or other values.
 *
 * <p>Not thread-safe: one replay reader slices its streams on its fetcher thread.
 */
final class XdfRecordingHandle implements RecordingHandle {
    private final Path file;
    private final TruncationCheckedFile data;
    private final List<StreamHandle> streams;

    /**
     * Opens {@code file}, whose bytes {@code content} were walked as {@code walked} (in file order), for replay:
     * numeric streams with the timestamps {@code timestamps} gives, string streams as {@code decodedWhole} gives them.
     */
    XdfRecordingHandle(Path file, ByteBuffer content, List<XdfStreamBuilder> walked,
                       Function<XdfStreamBuilder, double[]> timestamps,
                       Function<XdfStreamBuilder, RecordedStream> decodedWhole) throws IOException {
        this.file = file;
        StreamHandle[] all = new StreamHandle[walked.size()];
        for (int i = 0; i < all.length; i++) {
            XdfStreamBuilder stream = walked.get(i);
            all[i] = stream.isNumeric()
                    ? new BlockStream(this, stream.description, stream.label(), timestamps.apply(stream),
                    stream.blocks, content)
                    : decodedWhole.apply(stream);
        }
        this.streams = List.of(all);
        this.data = new TruncationCheckedFile(file, content.limit(), "XDF");
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<StreamHandle> streams() {
        return streams;
    }

    @Override
    public void close() throws IOException {
        data.close();
    }

    private static int checksum(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** Reads bytes {@code [start, start + length)} of the file into {@code into} from {@code offset}. */
    private void read(long start, int length, byte[] into, int offset, String what) throws IOException {
        data.readFully(start, length, into, offset, now -> "at byte " + now + ", before the end of " + what
                + " (bytes " + start + " to " + (start + length) + ")");
    }

    /**
     * One numeric stream: timestamps held, values decoded per slice by {@link XdfSampleDecoding#decode} from the
     * blocks the slice spans. The blocks are read into a buffer the stream keeps (grown to the largest slice's span)
     * and reused: a slice inside them reads nothing, and one that starts inside them reads only the blocks after
     * them, so a replay from start to end reads every block once whatever its chunk size.
     */
    static final class BlockStream implements StreamHandle {
        private final XdfRecordingHandle handle;
        private final StreamDescription description;
        private final String label;
        private final double[] timestampsSeconds;
        private final XdfSampleBlocks blocks;
        /** The index of each block's first sample, and the number of samples in all blocks last. */
        private final int[] firstSamples;
        private final int sampleValueBytes;
        /** The CRC-32C of each block's bytes when the file was opened. */
        private final int[] checksums;
        private byte[] buffer = new byte[0];
        /** The blocks in {@link #buffer}, back to back: {@code [bufferedFirst, bufferedFirst + bufferedCount)}. */
        private int bufferedFirst;
        private int bufferedCount;
        private long blocksRead;

        BlockStream(XdfRecordingHandle handle, StreamDescription description, String label,
                    double[] timestampsSeconds, XdfSampleBlocks blocks, ByteBuffer content) {
            this.handle = handle;
            this.description = description;
            this.label = label;
            this.timestampsSeconds = timestampsSeconds;
            this.blocks = blocks;
            this.firstSamples = blocks.firstSamples();
            this.sampleValueBytes = description.channelCount() * description.valueFormat().bytesPerValue();
            this.checksums = new int[blocks.count()];
            for (int b = 0; b < checksums.length; b++) {
                checksums[b] = checksum(content.slice(blocks.start(b), blocks.end(b) - blocks.start(b)));
            }
            if (firstSamples[blocks.count()] < timestampsSeconds.length) {
                throw new IllegalStateException(label + " has " + timestampsSeconds.length + " timestamps but "
                        + firstSamples[blocks.count()] + " samples in its blocks.");
            }
        }

        @Override
        public StreamDescription description() {
            return description;
        }

        @Override
        public int sampleCount() {
            return timestampsSeconds.length;
        }

        @Override
        public boolean isMarkerStream() {
            return false;
        }

        @Override
        public double timestampSeconds(int index) {
            return timestampsSeconds[index];
        }

        @Override
        public List<StreamData> slice(int from, int to) throws IOException {
            Objects.checkFromToIndex(from, to, sampleCount());
            int n = to - from;
            int channels = description.channelCount();
            double[] values = new double[channels * n];
            if (n > 0) {
                int first = blockOf(from);
                int last = blockOf(to - 1);
                if (first < bufferedFirst || last >= bufferedFirst + bufferedCount) {
                    bufferBlocks(first, last - first + 1);
                }
                ByteBuffer bytes = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
                int offset = bufferOffset(first);
                int sample = from;
                ValueFormat format = description.valueFormat();
                for (int b = first; b <= last; b++) {
                    int blockBytes = blocks.end(b) - blocks.start(b);
                    int pos = XdfSampleDecoding.skip(bytes, offset, sample - firstSamples[b], sampleValueBytes);
                    int samples = Math.min(to, firstSamples[b + 1]) - sample;
                    XdfSampleDecoding.decode(bytes, pos, samples, format, channels, values, n, sample - from);
                    sample += samples;
                    offset += blockBytes;
                }
            }
            double[] timestamps = Arrays.copyOfRange(timestampsSeconds, from, to);
            return List.of(SampleChunk.withTimestamps(description.streamKey(), channels, values, timestamps,
                    description.nominalRateHz()));
        }

        /** The block holding sample {@code sample}. */
        private int blockOf(int sample) {
            int i = Arrays.binarySearch(firstSamples, 0, blocks.count(), sample);
            return i >= 0 ? i : -i - 2;
        }

        /** Where block {@code block} (a buffered one) starts in {@link #buffer}. */
        private int bufferOffset(int block) {
            int offset = 0;
            for (int b = bufferedFirst; b < block; b++) {
                offset += blocks.end(b) - blocks.start(b);
            }
            return offset;
        }

        /** Buffers blocks {@code [first, first + count)}, keeping those already buffered. */
        private void bufferBlocks(int first, int count) throws IOException {
            int bufferedEnd = bufferedFirst + bufferedCount;
            int kept = first >= bufferedFirst && first < bufferedEnd ? bufferedEnd - first : 0;
            int keptFrom = kept > 0 ? bufferOffset(first) : 0;
            int keptBytes = kept > 0 ? bufferOffset(bufferedEnd) - keptFrom : 0;
            long bytes = keptBytes;
            for (int b = first + kept; b < first + count; b++) {
                bytes += blocks.end(b) - blocks.start(b);
            }
            byte[] target = buffer.length < bytes ? new byte[Math.toIntExact(bytes)] : buffer;
            System.arraycopy(buffer, keptFrom, target, 0, keptBytes);
            buffer = target;
            bufferedCount = 0; // a failed read leaves nothing buffered
            int offset = keptBytes;
            for (int b = first + kept; b < first + count; b++) {
                int blockBytes = blocks.end(b) - blocks.start(b);
                handle.read(blocks.start(b), blockBytes, buffer, offset, "the Samples chunk of " + label
                        + " that holds its samples " + firstSamples[b] + " to " + (firstSamples[b + 1] - 1));
                checkBlock(b, offset);
                offset += blockBytes;
                blocksRead++;
            }
            bufferedFirst = first;
            bufferedCount = count;
        }

        /**
         * Checks that block {@code b}, read into {@link #buffer} at {@code offset}, holds the bytes it held when the
         * file was opened: a file rewritten meanwhile would otherwise decode into other values (or, its timestamp
         * flags changed, other samples) without a sign.
         */
        private void checkBlock(int b, int offset) throws RecordingFormatException {
            int blockBytes = blocks.end(b) - blocks.start(b);
            if (checksum(ByteBuffer.wrap(buffer, offset, blockBytes)) != checksums[b]) {
                throw new RecordingFormatException(handle.file, blocks.start(b), "the Samples chunk of " + label
                        + " that holds its samples " + firstSamples[b] + " to " + (firstSamples[b + 1] - 1)
                        + " no longer holds in bytes " + blocks.start(b) + " to " + blocks.end(b) + " what it held"
                        + " when the replay opened the file (their CRC-32C differs; the XDF file was changed while it"
                        + " was being replayed).");
            }
        }

        /** Blocks of samples read from the file so far, over all slices. */
        long blocksRead() {
            return blocksRead;
        }

        /** The stream's blocks (where its samples lie), for tests that count what a replay reads. */
        XdfSampleBlocks blocks() {
            return blocks;
        }

        /** Bytes of sample data the stream's read buffer holds: the most any slice so far has spanned. */
        int bytesHeld() {
            return buffer.length;
        }
    }
}
