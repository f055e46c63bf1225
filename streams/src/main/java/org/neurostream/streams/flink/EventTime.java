package org.neurostream.streams.flink;

/**
 * The one place where neurostream turns recording-clock seconds into Flink event time (milliseconds).
 *
 * <p>Flooring keeps the mapping monotonic: a later timestamp never gets a smaller event time. Infinite timestamps
 * saturate at {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}.
 */
public final class EventTime {
    private EventTime() {
    }

    /** Event time in milliseconds of a timestamp in seconds on the recording (LSL) clock. */
    public static long toMillis(double timestampSeconds) {
        if (Double.isNaN(timestampSeconds)) {
            throw new IllegalArgumentException("A NaN timestamp has no event time.");
        }
        return (long) Math.floor(timestampSeconds * 1000.0);
    }
}
