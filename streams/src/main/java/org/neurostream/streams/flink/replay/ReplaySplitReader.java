package org.neurostream.streams.flink.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.record.StreamData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the assigned streams of recording files and cuts them into chunks of at most {@code chunkSamples} samples
 * (markers one by one), merging all assigned streams in timestamp order.
 *
 * <p>Each fetch returns elements of one split only, the one whose next element has the earliest first timestamp,
 * and stops before that split overtakes the runner-up. Flink emits a fetch's elements grouped by split, so fetches
 * mixing splits would reorder them; one split per fetch keeps the reader's output in timestamp order and so its
 * watermarks from overtaking a split's next element.
 *
 * <p>In paced mode an element is due when its last sample would have been recorded, on one timeline for all files of
 * the reader (the timeline its timestamp-ordered merge follows): at {@code start + (lastTimestamp - origin) / speed},
 * where {@code origin} and {@code start} are the first timestamp paced by this reader (its file's earliest timestamp,
 * or a restored split's resume timestamp) and the wall-clock time it was paced. Files whose timestamps follow each
 * other (consecutive sessions) are therefore paced continuously: the second starts after the first ends, at the
 * recording's pace, and does not arrive in a burst. The fetch waits for the due time, but at most
 * {@link #MAX_WAIT_NANOS}, and returns early on {@link #wakeUp()}.
 *
 * <p>A recording is opened once per reader ({@link RecordingReader#open}) and kept open while any of its streams is
 * being replayed here; all assigned files are open at once, for the timestamp-ordered merge. What an open file holds
 * depends on its handle: EDF/BDF files opened by the default reader hold their header and annotations and decode the
 * data records of each chunk as it is emitted, and XDF files their streams' timestamps and string streams and decode
 * each chunk's sample values as it is emitted, so the reader's memory follows the chunk size and the number of
 * streams (plus one timestamp per XDF sample), not the files' length; GDF files are held decoded whole. A file that
 * fails while it is being replayed (an EDF/BDF or XDF file truncated meanwhile) ends its split with an error record,
 * like a file that cannot be opened.
 * Runs on the split fetcher thread; only {@link #wakeUp()} is called from another thread.
 */
final class ReplaySplitReader implements SplitReader<StreamData, ReplaySplit> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplaySplitReader.class);
    static final long MAX_WAIT_NANOS = 100_000_000L;
    /** Elements per fetch; bounds the hand-over batch to the task thread. */
    private static final int MAX_ELEMENTS_PER_FETCH = 64;

    private final RecordingReader recordingReader;
    private final int chunkSamples;
    private final ReplayPacing pacing;
    private final LongSupplier nanoClock;
    private final Map<Integer, OpenFile> openFiles = new HashMap<>();
    private final List<Cursor> cursors = new ArrayList<>();
    private final ArrayDeque<Cursor> failed = new ArrayDeque<>();
    private final Object wakeLock = new Object();
    private boolean wokenUp;
    /** The pacing timeline: {@link #originSeconds} of recording time is due at {@link #originNanos}. */
    private boolean anchored;
    private double originSeconds;
    private long originNanos;

    ReplaySplitReader(RecordingReader recordingReader, int chunkSamples, ReplayPacing pacing, LongSupplier nanoClock) {
        this.recordingReader = recordingReader;
        this.chunkSamples = chunkSamples;
        this.pacing = pacing;
        this.nanoClock = nanoClock;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<ReplaySplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + splitsChanges + ".");
        }
        for (ReplaySplit split : splitsChanges.splits()) {
            OpenFile file = openFiles.computeIfAbsent(split.fileIndex(), i -> open(split));
            file.users++;
            Cursor cursor = new Cursor(split, file);
            if (file.error != null || split.streamIndex() >= file.recording.streams().size()) {
                failed.add(cursor);
            } else {
                cursors.add(cursor);
            }
        }
    }

    private OpenFile open(ReplaySplit split) {
        try {
            return new OpenFile(recordingReader.open(Path.of(split.file())), null);
        } catch (IOException | RuntimeException e) {
            return new OpenFile(null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public RecordsWithSplitIds<StreamData> fetch() throws IOException {
        RecordsBySplits.Builder<StreamData> batch = new RecordsBySplits.Builder<>();
        Cursor broken = failed.poll();
        if (broken != null) {
            String message = broken.file.error != null ? broken.file.error
                    : broken.split.file() + ": the recording has no stream " + broken.split.streamIndex() + ".";
            batch.add(broken.split, ReplayErrors.errorRecord(broken.split.file(), message));
            finish(broken, batch);
            return batch.build();
        }
        Cursor next = null;
        Cursor runnerUp = null;
        for (Cursor c : cursors) {
            if (next == null || c.nextTimestamp() < next.nextTimestamp()) {
                runnerUp = next;
                next = c;
            } else if (runnerUp == null || c.nextTimestamp() < runnerUp.nextTimestamp()) {
                runnerUp = c;
            }
        }
        if (next == null) {
            return batch.build();
        }
        double limit = runnerUp == null ? Double.POSITIVE_INFINITY : runnerUp.nextTimestamp();
        for (int n = 0; n < MAX_ELEMENTS_PER_FETCH && !next.done(); n++) {
            if (n > 0 && next.nextTimestamp() > limit) {
                break;
            }
            // what is due goes out at once: the fetch waits only for its first element, so that elements due later
            // are not held back in this batch until it is full (64 chunks: seconds of a real-time replay)
            if (pacing.isPaced() && !(n == 0 ? awaitDue(next) : isDue(next))) {
                break;
            }
            try {
                next.emitNext(batch);
            } catch (IOException | RuntimeException e) {
                batch.add(next.split, ReplayErrors.errorRecord(next.split.file(),
                        e.getMessage() == null ? e.toString() : e.getMessage()));
                finish(next, batch);
                return batch.build();
            }
        }
        if (next.done()) {
            finish(next, batch);
        }
        return batch.build();
    }

    /** Whether {@code cursor}'s next element is due now (the timeline is anchored by the fetch's first element). */
    private boolean isDue(Cursor cursor) {
        return cursor.dueNanos(pacing) <= nanoClock.getAsLong();
    }

    /** Waits until {@code cursor}'s next element is due; false if it returned early (wake-up or wait cap). */
    private boolean awaitDue(Cursor cursor) throws IOException {
        if (!anchored) {
            // The first paced element anchors the timeline: its file's start (or a restored split's resume point)
            // is due now.
            originSeconds = cursor.position == 0 ? cursor.file.fileStartSeconds : cursor.nextTimestamp();
            originNanos = nanoClock.getAsLong();
            anchored = true;
        }
        long waitNanos = cursor.dueNanos(pacing) - nanoClock.getAsLong();
        if (waitNanos <= 0) {
            return true;
        }
        synchronized (wakeLock) {
            if (!wokenUp) {
                long nanos = Math.min(waitNanos, MAX_WAIT_NANOS);
                try {
                    wakeLock.wait(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while pacing the replay.", e);
                }
            }
            wokenUp = false;
        }
        return cursor.dueNanos(pacing) <= nanoClock.getAsLong();
    }

    private void finish(Cursor cursor, RecordsBySplits.Builder<StreamData> batch) {
        batch.addFinishedSplit(cursor.split.splitId());
        cursors.remove(cursor);
        if (--cursor.file.users == 0) {
            openFiles.remove(cursor.split.fileIndex());
            cursor.file.close();
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wakeLock) {
            wokenUp = true;
            wakeLock.notifyAll();
        }
    }

    @Override
    public void close() {
        cursors.clear();
        failed.clear();
        openFiles.values().forEach(OpenFile::close);
        openFiles.clear();
    }

    /** An opened recording shared by the cursors of its streams. */
    private static final class OpenFile {
        final RecordingHandle recording;
        final String error;
        final double fileStartSeconds;
        int users;

        OpenFile(RecordingHandle recording, String error) {
            this.recording = recording;
            this.error = error;
            double start = Double.POSITIVE_INFINITY;
            if (recording != null) {
                for (StreamHandle s : recording.streams()) {
                    if (s.sampleCount() > 0) {
                        start = Math.min(start, s.timestampSeconds(0));
                    }
                }
            }
            this.fileStartSeconds = start;
        }

        /** Releases the file; a failure to close a file only read loses nothing, so it is logged. */
        void close() {
            if (recording == null) {
                return;
            }
            try {
                recording.close();
            } catch (IOException e) {
                LOG.warn("Could not close {} after replaying it: {}", recording.file(), e.getMessage());
            }
        }
    }

    /** Replay progress through one stream. */
    private final class Cursor {
        final ReplaySplit split;
        final OpenFile file;
        int position;

        Cursor(ReplaySplit split, OpenFile file) {
            this.split = split;
            this.file = file;
            this.position = (int) Math.min(split.position(), Integer.MAX_VALUE);
        }

        StreamHandle stream() {
            return file.recording.streams().get(split.streamIndex());
        }

        boolean done() {
            return position >= stream().sampleCount();
        }

        double nextTimestamp() {
            return done() ? Double.POSITIVE_INFINITY : stream().timestampSeconds(position);
        }

        private int nextEnd() {
            int step = stream().isMarkerStream() ? 1 : chunkSamples;
            return (int) Math.min((long) position + step, stream().sampleCount());
        }

        long dueNanos(ReplayPacing pacing) {
            double last = stream().timestampSeconds(nextEnd() - 1);
            return originNanos + pacing.wallNanos(last - originSeconds);
        }

        void emitNext(RecordsBySplits.Builder<StreamData> batch) throws IOException {
            int end = nextEnd();
            for (StreamData element : stream().slice(position, end)) {
                batch.add(split, element);
            }
            position = end;
        }
    }
}
