package org.neurostream.deploy.calibrate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neurostream.bci.epoch.Epoch;
import org.neurostream.bci.epoch.EpochParameters;
import org.neurostream.bci.epoch.EpochSet;
import org.neurostream.bci.epoch.Epocher;
import org.neurostream.bci.filter.MneFirFilter;
import org.neurostream.bci.filter.OnlineBandPass;
import org.neurostream.bci.pipeline.ChannelPower;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.Recordings;

/**
 * Turns recordings into labelled epochs for calibration: per file, the signal stream (the regular numeric stream with
 * the most channels) is band-passed with MNE's default FIR (zero phase, each file on its own, as MNE's
 * {@code skip_by_annotation='edge'} treats concatenated runs), and cut around every marker whose text is one of the
 * classes. Every file must have the same channels and rate; a file without such markers is an error. The whole
 * signal of every file is also measured through the online job's causal band-pass ({@link ChannelPower}), the
 * reference of the job's channel gain adaptation.
 */
public final class RecordingEpochs {
    private RecordingEpochs() {}

    public static LabeledEpochs read(List<Path> files, List<String> classNames, double lowHz, double highHz,
            double tminSeconds, double tmaxSeconds) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No recording given.");
        }
        List<String> channels = null;
        double rate = 0;
        String firstFile = null;
        ChannelPower.Measurement power = null;
        List<double[][]> epochs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Integer> runs = new ArrayList<>();
        List<String> runNames = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            Recording rec = Recordings.read(file);
            RecordedStream signal = rec.streams().stream().filter(s -> !s.isMarkerStream()
                    && !s.description().isIrregular()).max((a, b) -> Integer.compare(a.description().channelCount(),
                    b.description().channelCount())).orElseThrow(() -> new IOException(file + ": no regularly sampled"
                    + " signal stream to calibrate on."));
            int nCh = signal.description().channelCount();
            List<String> names = new ArrayList<>();
            for (int c = 0; c < nCh; c++) {
                names.add(signal.description().channelLabel(c));
            }
            double fs = signal.description().nominalRateHz();
            if (channels == null) {
                channels = names;
                rate = fs;
                firstFile = file.toString();
                power = new ChannelPower.Measurement(OnlineBandPass.design(fs, lowHz, highHz), nCh);
            } else if (!channels.equals(names) || rate != fs) {
                throw new IOException(file + " has " + names.size() + " channels at " + fs + " Hz " + names + ", but "
                        + firstFile + " has " + channels.size() + " channels at " + rate + " Hz " + channels
                        + "; every run must have the same channels and rate.");
            }
            List<Double> times = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (RecordedStream s : rec.streams()) {
                if (s.isMarkerStream()) {
                    for (int i = 0; i < s.strings().length; i++) {
                        if (classNames.contains(s.strings()[i].trim())) {
                            times.add(s.timestampsSeconds()[i]);
                            texts.add(s.strings()[i].trim());
                        }
                    }
                }
            }
            if (times.isEmpty()) {
                throw new IOException(file + ": no marker named " + classNames + " found; check --classes.");
            }
            power.add(signal.values());
            double[] filtered = MneFirFilter.design(fs, lowHz, highHz).apply(signal.values(), nCh);
            Epocher epocher = new Epocher(names, names.stream().map(n -> "eeg").toList(), fs,
                    EpochParameters.of(tminSeconds, tmaxSeconds));
            EpochSet set = epocher.cut(filtered, signal.timestampsSeconds()[0],
                    times.stream().mapToDouble(Double::doubleValue).toArray(), texts);
            if (!set.rejected().isEmpty()) {
                org.slf4j.LoggerFactory.getLogger(RecordingEpochs.class).warn("{}: {} of {} epochs do not fit in the"
                        + " recording and are left out: {}", file, set.rejected().size(), times.size(), set.rejected());
            }
            int n = set.samplesPerEpoch();
            for (Epoch e : set.kept()) {
                double[][] ep = new double[nCh][n];
                for (int c = 0; c < nCh; c++) {
                    System.arraycopy(e.data(), c * n, ep[c], 0, n);
                }
                epochs.add(ep);
                labels.add(classNames.indexOf(e.label()));
                runs.add(f);
            }
            runNames.add(file.getFileName().toString());
        }
        return new LabeledEpochs(channels, rate, List.copyOf(classNames), epochs.toArray(double[][][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), runs.stream().mapToInt(Integer::intValue).toArray(),
                runNames, power.result());
    }
}
