package org.neurostream.streams.record;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;

/**
 * One event of a marker stream: a cue, a label, a prediction or an annotation.
 *
 * @param streamKey        the marker stream's key
 * @param timestampSeconds when the event happened, in seconds on the recording clock
 * @param durationSeconds  how long the event lasts in seconds (EDF+ annotations); 0 for instantaneous markers
 * @param value            the marker string, for example {@code T1}
 */
@TypeInfo(NeurostreamTypes.MarkerFactory.class)
public record Marker(String streamKey, double timestampSeconds, double durationSeconds, String value)
        implements StreamData {
    public Marker {
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(value, "value");
        if (Double.isNaN(timestampSeconds)) {
            throw new IllegalArgumentException("Marker '" + value + "' of stream '" + streamKey + "' has a NaN timestamp.");
        }
        if (!(durationSeconds >= 0)) {
            throw new IllegalArgumentException("Marker '" + value + "' of stream '" + streamKey
                    + "' has duration " + durationSeconds + " s; it must be >= 0.");
        }
    }

    public static Marker of(String streamKey, double timestampSeconds, String value) {
        return new Marker(streamKey, timestampSeconds, 0.0, value);
    }

    @Override
    public double firstTimestampSeconds() {
        return timestampSeconds;
    }

    @Override
    public double lastTimestampSeconds() {
        return timestampSeconds;
    }
}
