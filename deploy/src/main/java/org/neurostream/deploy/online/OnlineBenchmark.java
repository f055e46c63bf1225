package org.neurostream.deploy.online;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.bci.pipeline.PipelineJson;
import org.neurostream.operators.online.Prediction;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.record.StreamDescription;

/**
 * Decision latency of the online job with N concurrent keyed sessions, each a 64-channel 160 Hz eegmmidb run replayed
 * at real-time pace (N symbolic links to one recording, each read as a recording of its own, so every session has its
 * own key). Sessions start together, so their cues (and windows) coincide: the worst case for the latency of a burst.
 *
 * <p>Java API (also for other environments, e.g. a standalone cluster): {@link #sessionsJob} builds the job of one
 * level, {@link #summarize} turns its predictions into a {@link Level}; {@link #measure} does both on embedded Flink
 * for a given wall-clock duration. Baseline measured in the same run: {@link #computeOnlyP99Millis}, the in-process
 * compute time of the same steps (features of the calibrated pipeline + predict + learn of adaptive LDA) on the same
 * epochs, without Flink.
 *
 * <p>Command line: {@code OnlineBenchmark RECORDING MODEL_OR_CALIBRATION_RUN SECONDS_PER_LEVEL N1 N2 ...}, or with
 * {@code --until-p99-ms LIMIT} instead of levels: N = 1, 2, 4, ... until the p99 decision latency exceeds LIMIT ms.
 * A {@code .json} second argument is a calibrated model; a recording is calibrated first (csp-lda, T1 vs T2).
 */
public final class OnlineBenchmark {
    private OnlineBenchmark() {}

    /**
     * One load level's outcome.
     *
     * @param sessions concurrent sessions replayed
     * @param sessionsPredicted sessions that produced at least one prediction (equals {@code sessions} when the job
     *     kept up with all of them)
     * @param trials predictions over all sessions
     * @param p50Millis median decision latency (last sample of the window → prediction), ms
     * @param p99Millis 99th percentile decision latency, ms
     * @param loadAverage1m the machine's 1-minute load average at the end of the level (NaN when unknown)
     */
    public record Level(int sessions, int sessionsPredicted, int trials, double p50Millis, double p99Millis,
            double loadAverage1m) {
        /** A Markdown table row: sessions, trials, p50, p99, p99 relative to {@code baselineP99Millis}, load. */
        public String markdownRow(double baselineP99Millis) {
            return String.format(Locale.ROOT, "| %d | %d | %d | %.2f | %.2f | %.1f | %.2f |", sessions,
                    sessionsPredicted, trials, p50Millis, p99Millis, p99Millis / baselineP99Millis, loadAverage1m);
        }
    }

    /** Header of {@link Level#markdownRow}. */
    public static final String MARKDOWN_HEADER = "| sessions | sessions with predictions | trials | p50 (ms) | p99 (ms) "
            + "| p99 / compute-only p99 | load (1 min) |\n|---:|---:|---:|---:|---:|---:|---:|";

    /**
     * The job of one level: {@code sessions} concurrent sessions, each {@code recording} replayed at real time ×
     * {@code speed} through a symbolic link of its own in {@code workDir/n<sessions>} (so each is keyed as a subject
     * of its own), adaptive LDA, predictions into {@code workDir/n<sessions>/out}.
     *
     * @throws IOException when the links cannot be made or the model and recording do not fit
     */
    public static OnlineJob sessionsJob(Path recording, Path model, int sessions, double speed, Path workDir)
            throws IOException {
        if (sessions < 1) {
            throw new IllegalArgumentException("Invalid value for 'sessions'. It must be at least 1, but got "
                    + sessions + " instead.");
        }
        Path dir = Files.createDirectories(workDir.resolve("n" + sessions));
        List<String> sources = new ArrayList<>();
        for (int k = 0; k < sessions; k++) {
            Path link = dir.resolve(String.format(Locale.ROOT, "sess%03d.edf", k));
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, recording.toAbsolutePath());
            sources.add("file:" + link);
        }
        RunSpec spec = new RunSpec(sources, model, Adaptation.defaults(Adaptation.Kind.LDA), false, false, null,
                dir.resolve("out"), speed, RunSpec.DEFAULT_CHUNK_SAMPLES, null,
                RunSpec.DEFAULT_CHECKPOINT_INTERVAL_MILLIS, null, false, false);
        return new OnlineJob(spec, OnlineBenchmark::readAsLink);
    }

    /** Runs {@link #sessionsJob} at real-time pace on embedded Flink for {@code duration}, then summarizes it. */
    public static Level measure(Path recording, Path model, int sessions, Duration duration, Path workDir)
            throws Exception {
        OnlineJob job = sessionsJob(recording, model, sessions, 1.0, workDir);
        List<Prediction> predictions = OnlineRunner.run(job, p -> { }, duration).predictions();
        return summarize(sessions, predictions);
    }

    /**
     * Runs one session through the whole recording as fast as possible, so that the levels measured afterwards in the
     * same JVM see compiled code (the first trials of a cold JVM take tens of milliseconds of JIT compilation).
     */
    public static void warmUp(Path recording, Path model, Path workDir) throws Exception {
        OnlineRunner.run(sessionsJob(recording, model, 1, Double.POSITIVE_INFINITY, workDir.resolve("warm-up")),
                p -> { });
    }

    /** The level of {@code sessions} sessions that made {@code predictions}. */
    public static Level summarize(int sessions, List<Prediction> predictions) {
        double[] lat = OnlineReport.latencyMillis(predictions);
        int predicted = (int) predictions.stream().map(Prediction::sessionKey).distinct().count();
        return new Level(sessions, predicted, predictions.size(), lat[0], lat[1], loadAverage1m());
    }

    /** The 1-minute load average from {@code /proc/loadavg}, or NaN where there is none. */
    public static double loadAverage1m() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("Usage: OnlineBenchmark RECORDING MODEL.json|CALIBRATION_RUN SECONDS_PER_LEVEL "
                    + "(N1 N2 ... | --until-p99-ms LIMIT)");
            System.exit(2);
        }
        Path recording = Path.of(args[0]);
        Duration perLevel = Duration.ofMillis((long) (Double.parseDouble(args[2]) * 1000));
        Path work = Files.createTempDirectory("neurostream-online-bench");
        Path model = Path.of(args[1]);
        if (!model.getFileName().toString().endsWith(".json")) {
            Path calibration = model;
            model = work.resolve("model.json");
            OnlineAcceptance.calibrate(calibration.getParent(), new OnlineAcceptance.Task("bench",
                    calibration.getFileName().toString(), List.of()), model);
        }
        double baselineP99 = computeOnlyP99Millis(recording, model);
        warmUp(recording, model, work);
        System.out.println(MARKDOWN_HEADER);
        if (args[3].equals("--until-p99-ms")) {
            double limit = Double.parseDouble(args[4]);
            for (int n = 1; ; n *= 2) {
                Level level = measure(recording, model, n, perLevel, work);
                System.out.println(level.markdownRow(baselineP99));
                if (!(level.p99Millis() <= limit) || level.sessionsPredicted() < n) {
                    break;
                }
            }
        } else {
            for (int i = 3; i < args.length; i++) {
                System.out.println(measure(recording, model, Integer.parseInt(args[i]), perLevel, work)
                        .markdownRow(baselineP99));
            }
        }
        System.out.printf(Locale.ROOT, "%nCompute-only baseline (features + predict + learn, no Flink): p99 %.3f ms%n",
                baselineP99);
    }

    /**
     * Reads a recording through a symbolic link, naming its streams after the link (readers name streams after the
     * file they resolve), so that every link is a session of its own.
     */
    static Recording readAsLink(Path link) throws IOException {
        Recording r = Recordings.read(link);
        List<RecordedStream> renamed = new ArrayList<>();
        for (RecordedStream s : r.streams()) {
            StreamDescription d = s.description();
            String key = link.getFileName() + d.streamKey().substring(d.streamKey().lastIndexOf('#'));
            StreamDescription nd = new StreamDescription(key, d.name(), d.type(), d.sourceId(), d.channelCount(),
                    d.nominalRateHz(), d.valueFormat(), d.channels());
            renamed.add(new RecordedStream(nd, s.timestampsSeconds(), s.values(), s.strings(), s.clockOffsets(),
                    s.headerXml(), s.footerXml(), s.durationsSeconds()));
        }
        return new Recording(r.file(), r.format(), renamed, r.problems());
    }

    /** p99 of the per-trial compute time without Flink, over 20 passes over the recording's trials, ms. */
    public static double computeOnlyP99Millis(Path recording, Path model) throws Exception {
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
        Arrays.sort(nanos);
        return OnlineReport.percentile(nanos, 0.99) / 1e6;
    }
}
