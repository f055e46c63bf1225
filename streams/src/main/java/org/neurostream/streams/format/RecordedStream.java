package org.neurostream.streams.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;

/**
 * One stream of a recording file, fully decoded: its description, every sample with its timestamp (seconds on the
 * recording clock, after clock-offset correction where the format has it), and format-specific extras.
 *
 * <p>Numeric streams hold {@code values} channel-major ({@code values[c * sampleCount + s]}) and
 * {@code strings == null}; string (marker) streams hold the string of channel 0 of each sample in {@code strings}
 * and {@code values == null}.
 *
 * @param description       what the stream is
 * @param timestampsSeconds one timestamp per sample, in seconds on the recording clock
 * @param values            channel-major numeric values, or null for string streams
 * @param strings           the string value of each sample, or null for numeric streams
 * @param clockOffsets      the clock offsets stored for the stream (XDF), empty for formats without them
 * @param headerXml         the raw stream header (XDF) or an empty string
 * @param footerXml         the raw stream footer (XDF) or an empty string
 * @param durationsSeconds  for marker streams whose events last (EDF+ annotations, GDF events): the duration of each
 *                          marker in seconds, parallel to {@code strings}; null when every marker is instantaneous
 *                          and for numeric streams
 */
public record RecordedStream(
        StreamDescription description,
        double[] timestampsSeconds,
        double[] values,
        String[] strings,
        List<ClockOffset> clockOffsets,
        String headerXml,
        String footerXml,
        double[] durationsSeconds) implements StreamHandle {

    /** A stream without marker durations (numeric streams, and marker streams of instantaneous events). */
    public RecordedStream(StreamDescription description, double[] timestampsSeconds, double[] values,
                          String[] strings, List<ClockOffset> clockOffsets, String headerXml, String footerXml) {
        this(description, timestampsSeconds, values, strings, clockOffsets, headerXml, footerXml, null);
    }

    public RecordedStream {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(timestampsSeconds, "timestampsSeconds");
        clockOffsets = List.copyOf(clockOffsets);
        Objects.requireNonNull(headerXml, "headerXml");
        Objects.requireNonNull(footerXml, "footerXml");
        if ((values == null) == (strings == null)) {
            throw new IllegalArgumentException("Stream '" + description.streamKey()
                    + "' must have exactly one of numeric values and strings.");
        }
        if (values != null && values.length != (long) timestampsSeconds.length * description.channelCount()) {
            throw new IllegalArgumentException("Stream '" + description.streamKey() + "' has "
                    + timestampsSeconds.length + " timestamps but " + values.length + " values for "
                    + description.channelCount() + " channels.");
        }
        if (strings != null && strings.length != timestampsSeconds.length) {
            throw new IllegalArgumentException("Stream '" + description.streamKey() + "' has "
                    + timestampsSeconds.length + " timestamps but " + strings.length + " strings.");
        }
        if (durationsSeconds != null && (strings == null || durationsSeconds.length != strings.length)) {
            throw new IllegalArgumentException("Stream '" + description.streamKey()
                    + "' has marker durations but they do not match its " + timestampsSeconds.length
                    + " marker strings.");
        }
    }

    /** The duration of marker {@code index} in seconds; 0 when the stream has no durations. */
    public double durationSeconds(int index) {
        Objects.checkIndex(index, sampleCount());
        return durationsSeconds == null ? 0.0 : durationsSeconds[index];
    }

    @Override
    public int sampleCount() {
        return timestampsSeconds.length;
    }

    @Override
    public boolean isMarkerStream() {
        return strings != null;
    }

    @Override
    public double timestampSeconds(int index) {
        return timestampsSeconds[index];
    }

    /**
     * Samples {@code [from, to)} as stream elements: one {@link SampleChunk} with explicit timestamps for numeric
     * streams, one {@link Marker} per sample (with its duration) for string streams.
     */
    @Override
    public List<StreamData> slice(int from, int to) {
        Objects.checkFromToIndex(from, to, sampleCount());
        String key = description.streamKey();
        if (strings != null) {
            List<StreamData> markers = new ArrayList<>(to - from);
            for (int s = from; s < to; s++) {
                markers.add(new Marker(key, timestampsSeconds[s], durationSeconds(s), strings[s]));
            }
            return markers;
        }
        int n = to - from;
        int channels = description.channelCount();
        int total = sampleCount();
        double[] chunkValues = new double[channels * n];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(values, c * total + from, chunkValues, c * n, n);
        }
        double[] ts = java.util.Arrays.copyOfRange(timestampsSeconds, from, to);
        return List.of(SampleChunk.withTimestamps(key, channels, chunkValues, ts, description.nominalRateHz()));
    }
}
