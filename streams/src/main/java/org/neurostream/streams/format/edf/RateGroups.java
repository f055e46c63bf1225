package org.neurostream.streams.format.edf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurostream.streams.format.RecordedStream;
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
     * timestamp per sample ({@code i / rate}, or each record's start plus {@code s / rate} when
     * {@code recordStartsSeconds} is given) and its channel metadata.
     */
    RecordedStream stream(int g, String fileName, double[] values, int records, double[] recordStartsSeconds,
                          ValueFormat storedFormat, String headerXml) {
        List<EdfSignal> group = groups.get(g);
        double rateHz = rateHz(g);
        int samplesPerRecord = group.get(0).samplesPerRecord();
        int total = samplesPerRecord * records;
        double[] timestamps = new double[total];
        if (recordStartsSeconds == null) {
            for (int i = 0; i < total; i++) {
                timestamps[i] = i / rateHz;
            }
        } else {
            for (int r = 0; r < records; r++) {
                int base = r * samplesPerRecord;
                for (int s = 0; s < samplesPerRecord; s++) {
                    timestamps[base + s] = recordStartsSeconds[r] + s / rateHz;
                }
            }
        }
        List<ChannelInfo> infos = new ArrayList<>(group.size());
        String type = group.get(0).channelType();
        for (EdfSignal s : group) {
            infos.add(new ChannelInfo(s.label(), s.physicalDimension(), s.channelType()));
            if (!s.channelType().equals(type)) {
                type = "Mixed";
            }
        }
        StreamDescription description = new StreamDescription(fileName + "#" + names.get(g), names.get(g), type, "",
                group.size(), rateHz, storedFormat, infos);
        return new RecordedStream(description, timestamps, values, null, List.of(), headerXml, "");
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
