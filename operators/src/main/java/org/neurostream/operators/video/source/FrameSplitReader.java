package org.neurostream.operators.video.source;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.neurostream.video.decode.FrameReader;
import org.neurostream.video.decode.VideoDecodeException;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.VideoData;
import org.neurostream.video.frame.VideoStreamError;

/**
 * Decodes the frames of this subtask's splits on the fetcher thread, taking turns: each fetch returns up to
 * {@link #FRAMES_PER_FETCH} frames of one split, then the next split gets its turn, so a long file does not starve a
 * camera.
 *
 * <p>A split that cannot be opened or that breaks mid-stream emits one {@link VideoStreamError} naming the stream and
 * frame and finishes; the other splits go on.
 */
final class FrameSplitReader implements SplitReader<VideoData, FrameSplit> {
    static final int FRAMES_PER_FETCH = 4;

    private final FrameReaderOptions options;
    private final List<Cursor> cursors = new ArrayList<>();
    private final ArrayDeque<VideoStreamError> pendingErrors = new ArrayDeque<>();
    private final ArrayDeque<FrameSplit> pendingErrorSplits = new ArrayDeque<>();
    private int turn;

    FrameSplitReader(FrameReaderOptions options) {
        this.options = options;
    }

    private record Cursor(FrameSplit split, FrameReader reader) {
    }

    @Override
    public void handleSplitsChanges(SplitsChange<FrameSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change + ".");
        }
        for (FrameSplit split : change.splits()) {
            try {
                cursors.add(new Cursor(split, options.open(split)));
            } catch (IOException | RuntimeException e) {
                long frame = e instanceof VideoDecodeException v ? v.frameIndex() : split.nextFrameIndex();
                pendingErrors.add(new VideoStreamError(split.location(), frame, message(e)));
                pendingErrorSplits.add(split);
            }
        }
    }

    @Override
    public RecordsWithSplitIds<VideoData> fetch() throws IOException {
        RecordsBySplits.Builder<VideoData> batch = new RecordsBySplits.Builder<>();
        if (!pendingErrors.isEmpty()) {
            FrameSplit split = pendingErrorSplits.poll();
            batch.add(split, pendingErrors.poll());
            batch.addFinishedSplit(split.splitId());
            return batch.build();
        }
        if (cursors.isEmpty()) {
            return batch.build();
        }
        turn = turn % cursors.size();
        Cursor cursor = cursors.get(turn);
        turn++;
        for (int n = 0; n < FRAMES_PER_FETCH; n++) {
            Frame frame;
            try {
                frame = cursor.reader().next();
            } catch (IOException | RuntimeException e) {
                long index = e instanceof VideoDecodeException v ? v.frameIndex() : cursor.reader().nextIndex();
                batch.add(cursor.split(), new VideoStreamError(cursor.split().location(), index, message(e)));
                frame = null;
            }
            if (frame == null) {
                finish(cursor, batch);
                break;
            }
            batch.add(cursor.split(), frame);
        }
        return batch.build();
    }

    private void finish(Cursor cursor, RecordsBySplits.Builder<VideoData> batch) {
        batch.addFinishedSplit(cursor.split().splitId());
        cursors.remove(cursor);
        try {
            cursor.reader().close();
        } catch (IOException ignored) {
            // The stream is finished; a failed close leaks nothing the process keeps.
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    @Override
    public void wakeUp() {
        // fetch() never waits for more than one frame's decode.
    }

    @Override
    public void close() throws IOException {
        for (Cursor c : cursors) {
            c.reader().close();
        }
        cursors.clear();
    }
}
