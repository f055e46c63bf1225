package org.neurostream.streams.format.aedat;

import java.util.Objects;

/**
 * One packet of event-camera polarity events, stored by column: event {@code i} happened at
 * {@link #timestampMicros(int)} microseconds (the camera's clock, as the file stores it) at pixel
 * ({@link #x(int)}, {@link #y(int)}), brightness going up ({@link #on(int)} true, ON) or down (OFF).
 *
 * <p>Immutable: the constructor copies the columns.
 */
public final class PolarityEvents {
    private final int streamId;
    private final long[] timestampsMicros;
    private final short[] xs;
    private final short[] ys;
    private final boolean[] ons;

    public PolarityEvents(int streamId, long[] timestampsMicros, short[] xs, short[] ys, boolean[] ons) {
        int n = timestampsMicros.length;
        if (xs.length != n || ys.length != n || ons.length != n) {
            throw new IllegalArgumentException("event columns differ in length: " + n + " timestamps, " + xs.length
                    + " x, " + ys.length + " y, " + ons.length + " polarities");
        }
        this.streamId = streamId;
        this.timestampsMicros = timestampsMicros.clone();
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.ons = ons.clone();
    }

    /** The AEDAT4 stream id the packet belongs to. */
    public int streamId() {
        return streamId;
    }

    /** Number of events. */
    public int size() {
        return timestampsMicros.length;
    }

    public long timestampMicros(int i) {
        return timestampsMicros[i];
    }

    public int x(int i) {
        return xs[i];
    }

    public int y(int i) {
        return ys[i];
    }

    public boolean on(int i) {
        return ons[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolarityEvents p && streamId == p.streamId
                && java.util.Arrays.equals(timestampsMicros, p.timestampsMicros) && java.util.Arrays.equals(xs, p.xs)
                && java.util.Arrays.equals(ys, p.ys) && java.util.Arrays.equals(ons, p.ons);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, java.util.Arrays.hashCode(timestampsMicros), java.util.Arrays.hashCode(xs),
                java.util.Arrays.hashCode(ys), java.util.Arrays.hashCode(ons));
    }

    @Override
    public String toString() {
        return "PolarityEvents[stream " + streamId + ", " + size() + " events"
                + (size() > 0 ? ", " + timestampsMicros[0] + ".." + timestampsMicros[size() - 1] + " us" : "") + "]";
    }
}
