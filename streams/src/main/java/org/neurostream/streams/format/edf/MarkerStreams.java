package org.neurostream.streams.format.edf;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/** Builds the marker stream of EDF+ annotations and GDF events. */
final class MarkerStreams {
    private MarkerStreams() {
    }

    /**
     * A marker stream keyed {@code <fileName>#<name>} of the first {@code count} markers, sorted as MNE sorts
     * annotations: by onset, then duration, then original position (the sort is stable).
     *
     * @param onsetsSeconds    marker times in seconds from the first sample
     * @param durationsSeconds marker durations in seconds
     */
    static RecordedStream sorted(String fileName, String name, String channelLabel, int count,
                                 double[] onsetsSeconds, double[] durationsSeconds, String[] values,
                                 String headerXml) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> onsetsSeconds[i])
                .thenComparingDouble(i -> durationsSeconds[i]));
        double[] timestamps = new double[count];
        double[] durations = new double[count];
        String[] strings = new String[count];
        for (int i = 0; i < count; i++) {
            timestamps[i] = onsetsSeconds[order[i]];
            durations[i] = durationsSeconds[order[i]];
            strings[i] = values[order[i]];
        }
        StreamDescription description = new StreamDescription(fileName + "#" + name, name, "Markers", "", 1,
                StreamDescription.IRREGULAR_RATE, ValueFormat.STRING,
                List.of(new ChannelInfo(channelLabel, "", "Markers")));
        return new RecordedStream(description, timestamps, null, strings, List.of(), headerXml, "", durations);
    }
}
