package org.neurostream.streams.format.edf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.format.TruncationCheckedFile;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;

/**
 * An EDF/BDF file opened for replay ({@link EdfReader#open}): the header, the record layout, each record's start (in
 * discontinuous files) and the annotations are held; each signal group's samples are read from the file and decoded
 * when a slice asks for them, only the data records the slice spans. Memory per group stream is therefore one slice's
 * records and values, whatever the file's length.
 *
 * <p>Reads through a {@link TruncationCheckedFile} (plain reads, which a thread interrupt does not close) rather than a mapped
 * buffer, so a file truncated while it is replayed fails the slice with a {@link RecordingFormatException} instead of
 * a fault in mapped memory, and the replay's resident memory does not grow with the pages of the file it has read.
 *
 * <p>Not thread-safe: one replay reader slices its streams on its fetcher thread.
 */
final class EdfRecordingHandle implements RecordingHandle {
    private final Path file;
    private final TruncationCheckedFile data;
    private final EdfLayout layout;
    private final List<StreamHandle> streams;

    /** Opens {@code file}, parsed (and checked against its size) as {@code p}, for replay. */
    EdfRecordingHandle(Path file, EdfReader.Parsed p) throws IOException {
        this.file = file;
        this.layout = p.layout();
        RateGroups groups = p.groups();
        StreamHandle[] all = new StreamHandle[groups.groups().size() + (layout.hasAnnotationSignals() ? 1 : 0)];
        for (int g = 0; g < groups.groups().size(); g++) {
            all[g] = new GroupStream(this, groups.description(g, p.fileName(), p.storedFormat()),
                    groups.groups().get(g), p.header().bdf(), groups.rateHz(g), p.recordStarts());
        }
        if (layout.hasAnnotationSignals()) {
            // small (a few strings per record at most): decoded whole
            all[all.length - 1] = p.annotations().toStream(p.fileName(), p.headerXml());
        }
        this.streams = List.of(all);
        this.data = new TruncationCheckedFile(file, p.bytes().limit(), p.header().formatName());
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

    /** Reads {@code count} whole data records from {@code first} into {@code into} from {@code offset}. */
    private void readRecords(int first, int count, byte[] into, int offset) throws IOException {
        data.readFully(layout.recordStart(first), count * layout.recordBytes(), into, offset,
                now -> "inside data record " + ((now - layout.recordStart(0)) / layout.recordBytes() + 1) + " of "
                        + layout.records());
    }

    /**
     * One signal group (equal samples per record) as a stream: timestamps computed as {@link RateGroups#stream}
     * computes them, values decoded per slice by {@link SampleDecoding#decodeGroup} from the records the slice spans.
     * The records are read into a buffer the stream keeps (grown to the largest slice's span, so a replay in chunks of
     * {@code n} samples holds {@code ceil(n / samplesPerRecord) + 1} records at most) and reused: a slice inside
     * them reads nothing, and one that starts inside them reads only the records after them, so a replay from start
     * to end reads every record once whatever its chunk size.
     */
    static final class GroupStream implements StreamHandle {
        private final EdfRecordingHandle handle;
        private final StreamDescription description;
        private final List<EdfSignal> signals;
        private final boolean bdf;
        private final double rateHz;
        private final int samplesPerRecord;
        private final int sampleCount;
        private final double[] recordStartsSeconds;
        private byte[] records = new byte[0];
        /** The records in {@link #records}: {@code [bufferedFirst, bufferedFirst + bufferedCount)}. */
        private int bufferedFirst;
        private int bufferedCount;
        private long recordsRead;

        GroupStream(EdfRecordingHandle handle, StreamDescription description, List<EdfSignal> signals, boolean bdf,
                    double rateHz, double[] recordStartsSeconds) {
            this.handle = handle;
            this.description = description;
            this.signals = signals;
            this.bdf = bdf;
            this.rateHz = rateHz;
            this.samplesPerRecord = signals.get(0).samplesPerRecord();
            this.sampleCount = Math.multiplyExact(samplesPerRecord, handle.layout.records());
            this.recordStartsSeconds = recordStartsSeconds;
        }

        @Override
        public StreamDescription description() {
            return description;
        }

        @Override
        public int sampleCount() {
            return sampleCount;
        }

        @Override
        public boolean isMarkerStream() {
            return false;
        }

        @Override
        public double timestampSeconds(int index) {
            Objects.checkIndex(index, sampleCount);
            return RateGroups.timestampSeconds(index, rateHz, samplesPerRecord, recordStartsSeconds);
        }

        @Override
        public List<StreamData> slice(int from, int to) throws IOException {
            Objects.checkFromToIndex(from, to, sampleCount);
            int n = to - from;
            int channels = description.channelCount();
            double[] values = new double[channels * n];
            double[] timestamps = new double[n];
            if (n > 0) {
                int firstRecord = from / samplesPerRecord;
                int lastRecord = (to - 1) / samplesPerRecord;
                if (firstRecord < bufferedFirst || lastRecord >= bufferedFirst + bufferedCount) {
                    bufferRecords(firstRecord, lastRecord - firstRecord + 1);
                }
                SampleDecoding.decodeGroup(records, bufferedFirst, bdf, handle.layout, signals, from, to, values, n,
                        from);
                for (int i = 0; i < n; i++) {
                    timestamps[i] = RateGroups.timestampSeconds(from + i, rateHz, samplesPerRecord,
                            recordStartsSeconds);
                }
            }
            return List.of(SampleChunk.withTimestamps(description.streamKey(), channels, values, timestamps,
                    description.nominalRateHz()));
        }

        /** Buffers records {@code [first, first + count)}, keeping those already buffered. */
        private void bufferRecords(int first, int count) throws IOException {
            int recordBytes = handle.layout.recordBytes();
            int bufferedEnd = bufferedFirst + bufferedCount;
            int kept = first >= bufferedFirst && first < bufferedEnd ? bufferedEnd - first : 0;
            int bytes = Math.multiplyExact(count, recordBytes);
            byte[] target = records.length < bytes ? new byte[bytes] : records;
            if (kept > 0) {
                System.arraycopy(records, (first - bufferedFirst) * recordBytes, target, 0, kept * recordBytes);
            }
            records = target;
            bufferedCount = 0; // a failed read leaves nothing buffered
            handle.readRecords(first + kept, count - kept, records, kept * recordBytes);
            bufferedFirst = first;
            bufferedCount = count;
            recordsRead += count - kept;
        }

        /** Data records read from the file so far, over all slices. */
        long recordsRead() {
            return recordsRead;
        }

        /** How many data records the stream's read buffer holds: the most any slice so far has spanned. */
        int recordsHeld() {
            return records.length / handle.layout.recordBytes();
        }
    }
}
