package org.neurostream.deploy.online;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.bci.pipeline.PipelineJson;
import org.neurostream.operators.online.Prediction;

/**
 * Decision latency of the online job on embedded Flink with N concurrent keyed sessions, each a 64-channel 160 Hz
 * eegmmidb run replayed at real-time pace (N symbolic links to one recording, so every session has its own key).
 * Sessions start together, so their cues (and windows) coincide: the worst case for the latency of a burst.
 *
 * <p>Baseline measured in the same run: the in-process compute time of the same steps (features of the calibrated
 * pipeline + predict + learn of adaptive LDA) on the same epochs, without Flink.
 *
 * <p>Usage: {@code OnlineBenchmark RECORDING CALIBRATION_RUN SECONDS_PER_LEVEL N1 N2 ...}
 */
public final class OnlineBenchmark {
    private OnlineBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        Path calibration = Path.of(args[1]);
        double seconds = Double.parseDouble(args[2]);
        Path work = Files.createTempDirectory("neurostream-online-bench");
        Path model = work.resolve("model.json");
        OnlineAcceptance.calibrate(calibration.getParent(), new OnlineAcceptance.Task("bench",
                calibration.getFileName().toString(), List.of()), model);
        System.out.println("| sessions | trials | decision latency p50 (ms) | p99 (ms) | p99 / compute-only p99 |");
        System.out.println("|---:|---:|---:|---:|---:|");
        double baselineP99 = computeOnlyP99Millis(recording, model);
        for (int i = 3; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            Path dir = Files.createDirectories(work.resolve("n" + n));
            List<String> sources = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                Path link = dir.resolve(String.format(Locale.ROOT, "sess%03d.edf", k));
                Files.createSymbolicLink(link, recording.toAbsolutePath());
                sources.add("file:" + link);
            }
            RunSpec spec = new RunSpec(sources, model, Adaptation.defaults(Adaptation.Kind.LDA), false, false, null,
                    dir.resolve("out"), 1.0, RunSpec.DEFAULT_CHUNK_SAMPLES, null,
                    RunSpec.DEFAULT_CHECKPOINT_INTERVAL_MILLIS, null, false, false);
            List<Prediction> p = OnlineRunner.run(new OnlineJob(spec, OnlineBenchmark::readAsLink), x -> { },
                    Duration.ofMillis((long) (seconds * 1000))).predictions();
            double[] lat = OnlineReport.latencyMillis(p);
            System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.1f |%n", n, p.size(), lat[0], lat[1],
                    lat[1] / baselineP99);
        }
        System.out.printf(Locale.ROOT, "%nCompute-only baseline (features + predict + learn, no Flink): p99 %.3f ms%n",
                baselineP99);
    }

    /**
     * Reads a recording through a symbolic link, naming its streams after the link (readers name streams after the
     * file they resolve), so that every link is a session of its own.
     */
    static org.neurostream.streams.format.Recording readAsLink(Path link) throws java.io.IOException {
        var r = org.neurostream.streams.format.Recordings.read(link);
        List<org.neurostream.streams.format.RecordedStream> renamed = new ArrayList<>();
        for (var s : r.streams()) {
            var d = s.description();
            String key = link.getFileName() + d.streamKey().substring(d.streamKey().lastIndexOf('#'));
            var nd = new org.neurostream.streams.record.StreamDescription(key, d.name(), d.type(), d.sourceId(),
                    d.channelCount(), d.nominalRateHz(), d.valueFormat(), d.channels());
            renamed.add(new org.neurostream.streams.format.RecordedStream(nd, s.timestampsSeconds(), s.values(),
                    s.strings(), s.clockOffsets(), s.headerXml(), s.footerXml(), s.durationsSeconds()));
        }
        return new org.neurostream.streams.format.Recording(r.file(), r.format(), renamed, r.problems());
    }

    /** p99 of the per-trial compute time without Flink, over the recording's trials. */
    static double computeOnlyP99Millis(Path recording, Path model) throws Exception {
        Pipeline pipeline = PipelineJson.load(model);
        var epochs = org.neurostream.deploy.calibrate.RecordingEpochs.read(List.of(recording), pipeline.classNames(),
                pipeline.spec().lowHz(), pipeline.spec().highHz(), pipeline.spec().tminSeconds(),
                pipeline.spec().tmaxSeconds());
        var learner = Adaptation.defaults(Adaptation.Kind.LDA).start(pipeline.classifier());
        long[] nanos = new long[epochs.x().length * 20];
        int k = 0;
        for (int rep = 0; rep < 20; rep++) {
            for (int i = 0; i < epochs.x().length; i++) {
                long t0 = System.nanoTime();
                double[] f = pipeline.features().transform(epochs.x()[i]);
                learner.predict(f);
                learner = learner.learn(f, epochs.y()[i]);
                nanos[k++] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(nanos);
        return OnlineReport.percentile(nanos, 0.99) / 1e6;
    }
}
