package org.neurostream.video.events;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.aedat.Aedat4Reader;
import org.neurostream.streams.format.aedat.Aedat4StreamInfo;
import org.neurostream.streams.format.aedat.PolarityEvents;
import org.neurostream.video.decode.FrameReader;
import org.neurostream.video.decode.VideoDecodeException;
import org.neurostream.video.frame.Frame;

/**
 * Reads an AEDAT4 event-camera file as a frame stream: the first polarity-event stream's events accumulated over
 * fixed windows by {@link EventFrameAccumulator}. A malformed file gives a {@link VideoDecodeException} naming the
 * file, the frame being built and the byte offset. Not thread-safe.
 */
public final class EventFrameReader implements FrameReader {
    private final Path file;
    private final Aedat4Reader reader;
    private final Aedat4StreamInfo stream;
    private final EventFrameAccumulator accumulator;
    private final ArrayDeque<Frame> ready = new ArrayDeque<>();
    private long nextIndex;
    private boolean exhausted;

    public EventFrameReader(Path file, long windowMicros, EventFrameMode mode) throws IOException {
        this.file = file;
        try {
            this.reader = Aedat4Reader.open(file);
        } catch (RecordingFormatException e) {
            throw new VideoDecodeException(file.toString(), 0, e.getMessage(), e);
        }
        this.stream = reader.eventStream().orElse(null);
        if (stream == null || stream.width() <= 0) {
            reader.close();
            throw new VideoDecodeException(file.toString(), 0, "it has no polarity-event stream with a sensor size");
        }
        this.accumulator = new EventFrameAccumulator(file.toString(), stream.width(), stream.height(), windowMicros,
                mode);
    }

    /** The event stream the frames are made from. */
    public Aedat4StreamInfo eventStream() {
        return stream;
    }

    @Override
    public String streamKey() {
        return file.toString();
    }

    @Override
    public long nextIndex() {
        return nextIndex;
    }

    @Override
    public Frame next() throws IOException {
        while (ready.isEmpty() && !exhausted) {
            PolarityEvents events;
            try {
                events = reader.nextEvents(stream.streamId());
            } catch (RecordingFormatException e) {
                throw new VideoDecodeException(streamKey(), accumulator.nextIndex(), "at byte " + e.byteOffset() + ": "
                        + e.problem(), e);
            }
            if (events == null) {
                accumulator.finish(ready::add);
                exhausted = true;
            } else {
                try {
                    accumulator.add(events, ready::add);
                } catch (IllegalArgumentException e) {
                    throw new VideoDecodeException(streamKey(), accumulator.nextIndex(), e.getMessage(), e);
                }
            }
        }
        Frame f = ready.poll();
        if (f != null) {
            nextIndex++;
        }
        return f;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
