package org.neurostream.streams.format.edf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.StreamOutline;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * The ordinary signals of an EDF/BDF/GDF file grouped by sampling rate (equal samples per data record), in order of
 * first appearance, with the names their streams get: the lower-case channel type the group's channels share
 * ({@code eeg}) or {@code signals} for mixed types, suffixed with the rate ({@code eeg-160Hz}) when two groups would
 * otherwise share a name.
 */
final class RateGroups {
    private final List<List<EdfSignal>> groups;
    private final List<String> names;
    private final double recordDurationSeconds;

    RateGroups(List<EdfSignal> signals, double recordDurationSeconds) {
        this.recordDurationSeconds = recordDurationSeconds;
        Map<Integer, List<EdfSignal>> byRate = new LinkedHashMap<>();
        for (EdfSignal s : signals) {
            if (!s.annotation()) {
                byRate.computeIfAbsent(s.samplesPerRecord(), k -> new ArrayList<>()).add(s);
            }
        }
        this.groups = List.copyOf(byRate.values());
        Map<String, Integer> baseNameUses = new LinkedHashMap<>();
        for (List<EdfSignal> group : groups) {
            baseNameUses.merge(baseName(group), 1, Integer::sum);
        }
        List<String> groupNames = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            String base = baseName(groups.get(g));
            groupNames.add(baseNameUses.get(base) > 1 ? base + "-" + formatRate(rateHz(g)) + "Hz" : base);
        }
        this.names = List.copyOf(groupNames);
    }

    List<List<EdfSignal>> groups() {
        return groups;
    }

    /** The sampling rate of group {@code g} in Hz: samples per record divided by the record duration. */
    double rateHz(int g) {
        return groups.get(g).get(0).samplesPerRecord() * 1.0 / recordDurationSeconds;
    }

    /**
     * Group {@code g} as a stream keyed {@code <fileName>#<group name>}: its decoded channel-major values, one
     * timestamp per sample ({@link #timestampSeconds}) and its channel metadata.
     */
    RecordedStream stream(int g, String fileName, double[] values, int records, double[] recordStartsSeconds,
                          ValueFormat storedFormat, String headerXml) {
        double rateHz = rateHz(g);
        int samplesPerRecord = groups.get(g).get(0).samplesPerRecord();
        int total = samplesPerRecord * records;
        double[] timestamps = new double[total];
        for (int i = 0; i < total; i++) {
            timestamps[i] = timestampSeconds(i, rateHz, samplesPerRecord, recordStartsSeconds);
        }
        return new RecordedStream(description(g, fileName, storedFormat), timestamps, values, null, List.of(),
                headerXml, "");
    }

    /** What {@link #stream} gives for group {@code g}, without its samples. */
    StreamOutline outline(int g, String fileName, int records, double[] recordStartsSeconds,
                          ValueFormat storedFormat) {
        int samplesPerRecord = groups.get(g).get(0).samplesPerRecord();
        int total = samplesPerRecord * records;
        return new StreamOutline(description(g, fileName, storedFormat), total, total == 0 ? Double.NaN
                : timestampSeconds(total - 1, rateHz(g), samplesPerRecord, recordStartsSeconds));
    }

    /**
     * The timestamp of a group's sample {@code i}: {@code i / rate}, or its record's start plus its position in the
     * record over the rate when {@code recordStartsSeconds} is given (discontinuous files).
     */
    static double timestampSeconds(int i, double rateHz, int samplesPerRecord,
                                           double[] recordStartsSeconds) {
        if (recordStartsSeconds == null) {
            return i / rateHz;
        }
        return recordStartsSeconds[i / samplesPerRecord] + (i % samplesPerRecord) / rateHz;
    }

    /** The description of group {@code g}'s stream, keyed {@code <fileName>#<group name>}. */
    StreamDescription description(int g, String fileName, ValueFormat storedFormat) {
        List<EdfSignal> group = groups.get(g);
        List<ChannelInfo> infos = new ArrayList<>(group.size());
        String type = group.get(0).channelType();
        for (EdfSignal s : group) {
            infos.add(new ChannelInfo(s.label(), s.physicalDimension(), s.channelType()));
            if (!s.channelType().equals(type)) {
                type = "Mixed";
            }
        }
        return new StreamDescription(fileName + "#" + names.get(g), names.get(g), type, "", group.size(),
                rateHz(g), storedFormat, infos);
    }

    private static String baseName(List<EdfSignal> group) {
        String type = group.get(0).channelType();
        for (EdfSignal s : group) {
            if (!s.channelType().equals(type)) {
                return "signals";
            }
        }
        return type.toLowerCase(Locale.ROOT);
    }

    private static String formatRate(double rateHz) {
        return rateHz == Math.rint(rateHz) && Math.abs(rateHz) < 1e15
                ? Long.toString((long) rateHz) : Double.toString(rateHz);
    }
}
