package org.neurostream.streams.record;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;

/**
 * A block of consecutive samples of one continuous stream: {@code channelCount × sampleCount} values with their
 * timestamps in seconds on the recording clock.
 *
 * <p>Values are stored channel-major in one flat array: the value of channel {@code c} at sample {@code s} is
 * {@code values[c * sampleCount + s]}, so that per-channel DSP reads contiguous memory. Values are in the stream's
 * physical unit (µV for EEG read from EDF; whatever the device sent for LSL/XDF).
 *
 * <p>Timestamps are either explicit (one per sample, {@code timestampsSeconds != null}) or implied by the nominal
 * rate: sample {@code s} is at {@code firstTimestampSeconds + s / nominalRateHz}. Implied timestamps save 8 bytes per
 * sample for regular streams (EDF, dejittered XDF).
 *
 * <p>Instances are immutable by contract: the arrays are not copied for speed and must not be changed after
 * construction.
 */
@TypeInfo(NeurostreamTypes.SampleChunkFactory.class)
public final class SampleChunk implements StreamData {
    private final String streamKey;
    private final int channelCount;
    private final int sampleCount;
    private final double[] values;
    private final double firstTimestampSeconds;
    private final double nominalRateHz;
    private final double[] timestampsSeconds;

    private SampleChunk(String streamKey, int channelCount, double[] values, double firstTimestampSeconds,
                        double nominalRateHz, double[] timestampsSeconds) {
        this.streamKey = Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(values, "values");
        if (channelCount < 1) {
            throw new IllegalArgumentException("Chunk of stream '" + streamKey + "' has channelCount "
                    + channelCount + "; it must be at least 1.");
        }
        if (values.length % channelCount != 0) {
            throw new IllegalArgumentException("Chunk of stream '" + streamKey + "' has " + values.length
                    + " values, which is not a multiple of its " + channelCount + " channels.");
        }
        this.channelCount = channelCount;
        this.sampleCount = values.length / channelCount;
        this.values = values;
        this.timestampsSeconds = timestampsSeconds;
        this.nominalRateHz = nominalRateHz;
        if (timestampsSeconds != null) {
            if (timestampsSeconds.length != sampleCount) {
                throw new IllegalArgumentException("Chunk of stream '" + streamKey + "' has " + sampleCount
                        + " samples but " + timestampsSeconds.length + " timestamps.");
            }
            this.firstTimestampSeconds = sampleCount == 0 ? firstTimestampSeconds : timestampsSeconds[0];
        } else {
            if (!(nominalRateHz > 0) || Double.isInfinite(nominalRateHz)) {
                throw new IllegalArgumentException("Chunk of stream '" + streamKey
                        + "' has implied timestamps but nominalRateHz " + nominalRateHz + "; it must be > 0.");
            }
            this.firstTimestampSeconds = firstTimestampSeconds;
        }
    }

    /** A chunk with one explicit timestamp per sample (seconds); {@code nominalRateHz} may be 0 (irregular). */
    public static SampleChunk withTimestamps(String streamKey, int channelCount, double[] channelMajorValues,
                                             double[] timestampsSeconds, double nominalRateHz) {
        Objects.requireNonNull(timestampsSeconds, "timestampsSeconds");
        return new SampleChunk(streamKey, channelCount, channelMajorValues,
                timestampsSeconds.length == 0 ? Double.NaN : timestampsSeconds[0], nominalRateHz, timestampsSeconds);
    }

    /** A chunk whose sample {@code s} is at {@code firstTimestampSeconds + s / nominalRateHz}. */
    public static SampleChunk regular(String streamKey, int channelCount, double[] channelMajorValues,
                                      double firstTimestampSeconds, double nominalRateHz) {
        return new SampleChunk(streamKey, channelCount, channelMajorValues, firstTimestampSeconds, nominalRateHz,
                null);
    }

    @Override
    public String streamKey() {
        return streamKey;
    }

    public int channelCount() {
        return channelCount;
    }

    public int sampleCount() {
        return sampleCount;
    }

    /** The value of channel {@code channel} at sample {@code sample}. */
    public double value(int channel, int sample) {
        return values[channel * sampleCount + sample];
    }

    /** The backing channel-major array; do not modify. */
    public double[] values() {
        return values;
    }

    /** The nominal rate in Hz; 0 for irregular streams with explicit timestamps. */
    public double nominalRateHz() {
        return nominalRateHz;
    }

    public boolean hasExplicitTimestamps() {
        return timestampsSeconds != null;
    }

    /** The explicit timestamps (seconds), or null when they are implied by the nominal rate; do not modify. */
    public double[] explicitTimestampsSeconds() {
        return timestampsSeconds;
    }

    /** The timestamp of sample {@code sample} in seconds, explicit or implied. */
    public double timestampSeconds(int sample) {
        Objects.checkIndex(sample, sampleCount);
        return timestampsSeconds != null ? timestampsSeconds[sample] : firstTimestampSeconds + sample / nominalRateHz;
    }

    @Override
    public double firstTimestampSeconds() {
        return firstTimestampSeconds;
    }

    @Override
    public double lastTimestampSeconds() {
        return sampleCount == 0 ? firstTimestampSeconds : timestampSeconds(sampleCount - 1);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SampleChunk other)) {
            return false;
        }
        return channelCount == other.channelCount
                && Double.compare(firstTimestampSeconds, other.firstTimestampSeconds) == 0
                && Double.compare(nominalRateHz, other.nominalRateHz) == 0
                && streamKey.equals(other.streamKey)
                && Arrays.equals(values, other.values)
                && Arrays.equals(timestampsSeconds, other.timestampsSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamKey, channelCount, firstTimestampSeconds, nominalRateHz,
                Arrays.hashCode(values), Arrays.hashCode(timestampsSeconds));
    }

    @Override
    public String toString() {
        return "SampleChunk{stream=" + streamKey + ", channels=" + channelCount + ", samples=" + sampleCount
                + ", t=[" + firstTimestampSeconds + ", " + lastTimestampSeconds() + "] s"
                + (timestampsSeconds == null ? ", implied at " + nominalRateHz + " Hz" : "") + "}";
    }
}
