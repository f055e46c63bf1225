package org.neurostream.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import org.neurostream.streams.format.ClockOffset;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;

/**
 * What {@code neurostream inspect} reports about a recording; serialized as is for {@code --json}.
 *
 * @param file     the file as given
 * @param format   XDF, EDF, EDF+, BDF, BDF+ or GDF
 * @param streams  the streams in file order
 * @param problems recoverable problems the reader found
 */
record RecordingReport(String file, String format, List<StreamReport> streams, List<String> problems) {

    static RecordingReport of(String file, Recording recording) {
        List<StreamReport> streams = new ArrayList<>();
        for (RecordedStream s : recording.streams()) {
            streams.add(StreamReport.of(s));
        }
        return new RecordingReport(file, recording.format(), streams, recording.problems());
    }

    /**
     * One stream.
     *
     * @param durationSeconds last minus first timestamp (s); 0 for fewer than two samples
     * @param observedRateHz  {@code (samples - 1) / duration}; null (NaN) when undefined
     * @param channels        per-channel label, unit and type; labels {@code ch1...} when the file declares none
     */
    record StreamReport(String streamKey, String name, String type, String sourceId, String valueFormat,
                        int channelCount, List<ChannelInfo> channels, double nominalRateHz, double observedRateHz,
                        long sampleCount, long markerCount, double durationSeconds, double firstTimestampSeconds,
                        double lastTimestampSeconds, ClockOffsets clockOffsets) {

        static StreamReport of(RecordedStream s) {
            StreamDescription d = s.description();
            int n = s.sampleCount();
            double first = n > 0 ? s.timestampsSeconds()[0] : Double.NaN;
            double last = n > 0 ? s.timestampsSeconds()[n - 1] : Double.NaN;
            double duration = n > 1 ? last - first : 0.0;
            List<ChannelInfo> channels = new ArrayList<>(d.channelCount());
            for (int c = 0; c < d.channelCount(); c++) {
                channels.add(d.channels().isEmpty() ? ChannelInfo.of(d.channelLabel(c)) : d.channels().get(c));
            }
            return new StreamReport(d.streamKey(), d.name(), d.type(), d.sourceId(), d.valueFormat().xdfName(),
                    d.channelCount(), channels, d.nominalRateHz(), n > 1 && duration > 0 ? (n - 1) / duration
                    : Double.NaN, s.isMarkerStream() ? 0 : n, s.isMarkerStream() ? n : 0, duration, first, last,
                    ClockOffsets.of(s.clockOffsets()));
        }
    }

    /**
     * The clock offsets stored with a stream (XDF): how many, and the smallest and largest offset in seconds (null
     * when there are none).
     */
    record ClockOffsets(int count, double minOffsetSeconds, double maxOffsetSeconds) {
        static ClockOffsets of(List<ClockOffset> offsets) {
            double min = Double.NaN;
            double max = Double.NaN;
            for (ClockOffset o : offsets) {
                min = Double.isNaN(min) ? o.offsetSeconds() : Math.min(min, o.offsetSeconds());
                max = Double.isNaN(max) ? o.offsetSeconds() : Math.max(max, o.offsetSeconds());
            }
            return new ClockOffsets(offsets.size(), min, max);
        }
    }
}
