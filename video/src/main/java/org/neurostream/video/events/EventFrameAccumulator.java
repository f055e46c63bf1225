package org.neurostream.video.events;

import java.util.function.Consumer;
import org.neurostream.streams.format.aedat.PolarityEvents;
import org.neurostream.video.frame.Frame;

/**
 * Accumulates event-camera polarity events into frames over consecutive time windows of fixed length.
 *
 * <p>Window {@code k} holds the events with {@code t0 + k * window <= t < t0 + (k + 1) * window}, where {@code t0} is
 * the first event's timestamp; its frame has index {@code k} and presentation time {@code k * window} in seconds (the
 * window's start, counted from the first event). A window closes when an event at or after its end arrives, so
 * windows without events in between are emitted as empty frames and the frame rate stays fixed; {@link #finish}
 * emits the last, possibly partial, window.
 *
 * <p>Counts accumulate in one reused array; each emitted frame gets its own copy. Events must come in time order (as
 * AEDAT4 writes them); an event older than the open window is refused. Not thread-safe.
 */
public final class EventFrameAccumulator {
    private final String streamKey;
    private final int width;
    private final int height;
    private final long windowMicros;
    private final EventFrameMode mode;
    private final float[] counts;
    private long originMicros = Long.MIN_VALUE;
    private long windowIndex;
    private boolean finished;

    /**
     * @param streamKey key of the frames made (the event file, say)
     * @param width sensor width in pixels
     * @param height sensor height in pixels
     * @param windowMicros window length in microseconds, positive
     */
    public EventFrameAccumulator(String streamKey, int width, int height, long windowMicros, EventFrameMode mode) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("sensor size must be positive, but got " + width + "x" + height);
        }
        if (windowMicros <= 0) {
            throw new IllegalArgumentException("windowMicros must be positive, but got " + windowMicros);
        }
        this.streamKey = streamKey;
        this.width = width;
        this.height = height;
        this.windowMicros = windowMicros;
        this.mode = mode;
        this.counts = new float[mode.channels() * width * height];
    }

    /** Index the next emitted frame will have. */
    public long nextIndex() {
        return windowIndex;
    }

    /** Adds a packet of events, emitting the frame of every window that closes. */
    public void add(PolarityEvents events, Consumer<Frame> out) {
        if (finished) {
            throw new IllegalStateException(streamKey + ": events added after finish()");
        }
        int plane = width * height;
        for (int i = 0; i < events.size(); i++) {
            long t = events.timestampMicros(i);
            if (originMicros == Long.MIN_VALUE) {
                originMicros = t;
            }
            long windowStart = originMicros + windowIndex * windowMicros;
            if (t < windowStart) {
                throw new IllegalArgumentException(streamKey + ": event at " + t + " us is older than the open window "
                        + "starting at " + windowStart + " us; events must come in time order");
            }
            while (t >= windowStart + windowMicros) {
                emit(out);
                windowStart += windowMicros;
            }
            int x = events.x(i);
            int y = events.y(i);
            if (x < 0 || x >= width || y < 0 || y >= height) {
                throw new IllegalArgumentException(streamKey + ": event at (" + x + ", " + y + ") lies outside the "
                        + width + "x" + height + " sensor");
            }
            int pixel = y * width + x;
            if (mode == EventFrameMode.ON_OFF) {
                counts[(events.on(i) ? plane : 0) + pixel] += 1f;
            } else {
                counts[pixel] += events.on(i) ? 1f : -1f;
            }
        }
    }

    /** Emits the last window if any event arrived; later {@link #add} calls are refused. */
    public void finish(Consumer<Frame> out) {
        if (!finished && originMicros != Long.MIN_VALUE) {
            emit(out);
        }
        finished = true;
    }

    private void emit(Consumer<Frame> out) {
        float[] pixels = counts.clone();
        java.util.Arrays.fill(counts, 0f);
        out.accept(Frame.wrap(streamKey, windowIndex, windowIndex * windowMicros / 1e6, width, height, mode.channels(),
                pixels));
        windowIndex++;
    }
}
