package org.neurostream.streams.flink.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * Builds in-memory recordings from a file's name, deterministically, so replay tests can compare Flink's output with
 * the recording itself: a jittered 3-channel EEG stream at 100 Hz, a marker stream and an irregular numeric stream,
 * starting at a time derived from the name. A file whose name starts with {@code broken} fails like a corrupt file.
 *
 * @param eegSamples samples of the EEG stream
 */
record SyntheticRecordingReader(int eegSamples) implements RecordingReader {

    @Override
    public Recording read(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.startsWith("broken")) {
            throw new RecordingFormatException(file, 4242, "chunk length 99999999 runs past the end of the file");
        }
        Random random = new Random(name.hashCode());
        double start = 1000.0 + random.nextInt(20);
        List<RecordedStream> streams = new ArrayList<>();
        streams.add(eeg(name, random, start));
        streams.add(markers(name, random, start));
        streams.add(irregular(name, random, start));
        return new Recording(file, "XDF", streams, List.of());
    }

    private RecordedStream eeg(String name, Random random, double start) {
        int channels = 3;
        double[] ts = new double[eegSamples];
        double[] values = new double[channels * eegSamples];
        for (int s = 0; s < eegSamples; s++) {
            ts[s] = start + s / 100.0 + random.nextGaussian() * 1e-4;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * 20.0;
        }
        StreamDescription d = new StreamDescription(name + "#1", "eeg", "EEG", "src-" + name, channels, 100.0,
                ValueFormat.FLOAT32, List.of(new ChannelInfo("C3", "uV", "EEG"), new ChannelInfo("Cz", "uV", "EEG"),
                new ChannelInfo("C4", "uV", "EEG")));
        return new RecordedStream(d, ts, values, null, List.of(), "", "");
    }

    private RecordedStream markers(String name, Random random, double start) {
        int n = 17;
        double[] ts = new double[n];
        String[] strings = new String[n];
        double duration = eegSamples / 100.0;
        for (int i = 0; i < n; i++) {
            ts[i] = start + duration * (i + random.nextDouble()) / n;
            strings[i] = "T" + random.nextInt(3);
        }
        StreamDescription d = new StreamDescription(name + "#2", "cues", "Markers", "", 1, 0.0, ValueFormat.STRING,
                List.of());
        return new RecordedStream(d, ts, null, strings, List.of(), "", "");
    }

    private RecordedStream irregular(String name, Random random, double start) {
        int n = 50;
        double[] ts = new double[n];
        double[] values = new double[n];
        double t = start + 0.5;
        for (int i = 0; i < n; i++) {
            t += random.nextDouble() * 0.2;
            ts[i] = t;
            values[i] = random.nextInt(100);
        }
        StreamDescription d = new StreamDescription(name + "#3", "events", "Events", "", 1, 0.0, ValueFormat.INT32,
                List.of());
        return new RecordedStream(d, ts, values, null, List.of(), "", "");
    }
}
