package org.neurostream.streams.format;

import java.util.Objects;
import org.neurostream.streams.record.StreamDescription;

/**
 * One stream of a recording file without its samples: what a caller needs to plan for the stream (a dashboard's
 * stream list, knowing when a replayed stream has ended) at a fraction of the cost of decoding it
 * ({@link Recordings#outline}).
 *
 * @param description          what the stream is
 * @param sampleCount          how many samples (markers, for marker streams) it holds
 * @param lastTimestampSeconds the last sample's timestamp in seconds on the recording clock, exactly as the full
 *                             read gives it; NaN for a stream without samples
 */
public record StreamOutline(StreamDescription description, int sampleCount, double lastTimestampSeconds) {
    public StreamOutline {
        Objects.requireNonNull(description, "description");
        if (sampleCount < 0) {
            throw new IllegalArgumentException("Stream '" + description.streamKey() + "' cannot have "
                    + sampleCount + " samples.");
        }
    }

    /** The outline of a stream already read whole. */
    public static StreamOutline of(RecordedStream stream) {
        return of(stream.description(), stream.timestampsSeconds());
    }

    /** The outline of a stream with these timestamps, one per sample. */
    public static StreamOutline of(StreamDescription description, double[] timestampsSeconds) {
        int n = timestampsSeconds.length;
        return new StreamOutline(description, n, n == 0 ? Double.NaN : timestampsSeconds[n - 1]);
    }
}
