package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/** Reassembles replayed elements into whole streams and compares them with the recording they came from. */
final class ReplayedStreams {
    /** Per stream key: timestamps, channel-major values (numeric) or strings (markers). */
    record Reassembled(double[] timestamps, double[] values, String[] strings) {
    }

    private ReplayedStreams() {
    }

    static Map<String, Reassembled> reassemble(List<StreamData> elements) {
        Map<String, List<StreamData>> byKey = new LinkedHashMap<>();
        for (StreamData e : elements) {
            byKey.computeIfAbsent(e.streamKey(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Reassembled> result = new LinkedHashMap<>();
        byKey.forEach((key, list) -> result.put(key, reassembleOne(list)));
        return result;
    }

    private static Reassembled reassembleOne(List<StreamData> list) {
        if (list.get(0) instanceof Marker) {
            double[] ts = new double[list.size()];
            String[] strings = new String[list.size()];
            for (int i = 0; i < list.size(); i++) {
                Marker m = (Marker) list.get(i);
                ts[i] = m.timestampSeconds();
                strings[i] = m.value();
            }
            return new Reassembled(ts, null, strings);
        }
        int samples = list.stream().mapToInt(e -> ((SampleChunk) e).sampleCount()).sum();
        int channels = ((SampleChunk) list.get(0)).channelCount();
        double[] ts = new double[samples];
        double[] values = new double[samples * channels];
        int at = 0;
        for (StreamData e : list) {
            SampleChunk c = (SampleChunk) e;
            for (int s = 0; s < c.sampleCount(); s++) {
                ts[at + s] = c.timestampSeconds(s);
                for (int ch = 0; ch < channels; ch++) {
                    values[ch * samples + at + s] = c.value(ch, s);
                }
            }
            at += c.sampleCount();
        }
        return new Reassembled(ts, values, null);
    }

    /** Asserts that the replay holds exactly the recording's streams, sample for sample. */
    static void assertSameAs(Map<String, Reassembled> replayed, Recording recording) {
        for (RecordedStream stream : recording.streams()) {
            String key = stream.description().streamKey();
            if (stream.sampleCount() == 0) {
                assertThat(replayed).as("empty stream %s", key).doesNotContainKey(key);
                continue;
            }
            assertThat(replayed).as("replayed streams").containsKey(key);
            Reassembled r = replayed.get(key);
            assertThat(r.timestamps()).as("timestamps of %s", key).containsExactly(stream.timestampsSeconds());
            if (stream.isMarkerStream()) {
                assertThat(r.strings()).as("markers of %s", key).containsExactly(stream.strings());
            } else {
                assertThat(Arrays.equals(r.values(), stream.values())).as("values of %s", key).isTrue();
            }
        }
    }
}
