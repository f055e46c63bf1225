package org.neurostream.deploy.replay;

import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;

/**
 * What a replay observed on one stream, accumulated element by element in stream order: sample and marker counts,
 * first and last timestamps, and gaps (intervals between consecutive samples longer than
 * {@value #GAP_FACTOR} sample periods of the nominal rate).
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so it can live in operator state without Kryo. Updating costs
 * one comparison per sample for explicit timestamps and one per chunk for implied ones.
 */
public class StreamStatistics {
    /** An interval longer than this many nominal sample periods counts as a gap. */
    public static final double GAP_FACTOR = 1.5;

    /** The stream's key, {@code <file name>#<stream id>}. */
    public String streamKey;
    public int channelCount;
    /** The nominal rate in Hz carried by the chunks; 0 for irregular and marker streams. */
    public double nominalRateHz;
    public long samples;
    public long markers;
    /** First and last sample or marker timestamp in seconds; NaN while none was seen. */
    public double firstTimestampSeconds = Double.NaN;
    public double lastTimestampSeconds = Double.NaN;
    public long gaps;
    public double longestGapSeconds;
    /** For the entry of a file that could not be replayed: the error naming file, byte offset and problem. */
    public String error;

    public StreamStatistics() {
    }

    public StreamStatistics(String streamKey) {
        this.streamKey = streamKey;
    }

    /** An entry for a file that could not be replayed. */
    public static StreamStatistics failed(String streamKey, String error) {
        StreamStatistics s = new StreamStatistics(streamKey);
        s.error = error;
        return s;
    }

    /** Adds the samples of {@code chunk}, which follows everything added before in this stream. */
    public void add(SampleChunk chunk) {
        int n = chunk.sampleCount();
        if (n == 0) {
            return;
        }
        channelCount = chunk.channelCount();
        nominalRateHz = chunk.nominalRateHz();
        double gapThreshold = nominalRateHz > 0 ? GAP_FACTOR / nominalRateHz : Double.POSITIVE_INFINITY;
        double previous = lastTimestampSeconds;
        if (Double.isNaN(firstTimestampSeconds)) {
            firstTimestampSeconds = chunk.firstTimestampSeconds();
        } else {
            gap(chunk.firstTimestampSeconds() - previous, gapThreshold);
        }
        if (chunk.hasExplicitTimestamps()) {
            double[] ts = chunk.explicitTimestampsSeconds();
            double longest = 0;
            for (int s = 1; s < n; s++) {
                double interval = ts[s] - ts[s - 1];
                if (interval > gapThreshold) {
                    gaps++;
                    longest = Math.max(longest, interval);
                }
            }
            longestGapSeconds = Math.max(longestGapSeconds, longest);
        }
        lastTimestampSeconds = chunk.lastTimestampSeconds();
        samples += n;
    }

    /** Adds {@code marker}, which follows everything added before in this stream. */
    public void add(Marker marker) {
        if (Double.isNaN(firstTimestampSeconds)) {
            firstTimestampSeconds = marker.timestampSeconds();
        }
        lastTimestampSeconds = marker.timestampSeconds();
        markers++;
    }

    private void gap(double interval, double threshold) {
        if (interval > threshold) {
            gaps++;
            longestGapSeconds = Math.max(longestGapSeconds, interval);
        }
    }

    /** Last minus first timestamp in seconds; 0 for fewer than two samples. */
    public double durationSeconds() {
        return Double.isNaN(firstTimestampSeconds) ? 0.0 : lastTimestampSeconds - firstTimestampSeconds;
    }

    /** Samples per second of recording time, {@code (samples - 1) / duration}; NaN when undefined. */
    public double observedRateHz() {
        double d = durationSeconds();
        return samples > 1 && d > 0 ? (samples - 1) / d : Double.NaN;
    }
}
