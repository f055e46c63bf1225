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
 * <p>Decision latency is {@link Prediction#latencyMicros}: from the time the replay's pacing scheduled the chunk
 * holding the window's last sample (when a live headset would have delivered it) to the prediction, so a job that
 * falls behind real time shows it. The in-job latency (from that chunk's arrival at the epocher) is reported beside
 * it. A level is <em>sustained</em> when every session got every trial whose window ended within the level's
 * recording time and the p99 decision latency is at most the limit (50 ms).
 *
 * <p>Java API (also for other environments, e.g. a standalone cluster): {@link #sessionsJob} builds the job of one
 * level, {@link #summarize} turns its predictions into a {@link Level}; {@link #measure} does both on embedded Flink.
 * Baseline measured in the same run: {@link #computeOnlyP99Millis}, the in-process compute time of the same steps
 * (features of the calibrated pipeline + predict + learn of adaptive LDA) on the same epochs, without Flink.
 *
 * <p>Command line: {@code OnlineBenchmark RECORDING MODEL_OR_CALIBRATION_RUN SECONDS_PER_LEVEL N1 N2 ...}, or with
 * {@code --until-p99-ms LIMIT} instead of levels: N = 1, 2, 4, ... until a level is not sustained at LIMIT ms; prints
 * the largest sustained N. A {@code .json} second argument is a calibrated model; a recording is calibrated first
 * (csp-lda, T1 vs T2).
 */
public final class OnlineBenchmark {
    /** The decision latency limit of the benchmark, ms. */
    public static final double DEFAULT_LIMIT_MILLIS = 50;
    /**
     * Wall-clock time a level may take beyond its recording time (at its speed) before it counts missing trials: the
     * embedded job's start (mini cluster, reading every session's file) before the replay's pacing begins.
     */
    public static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(20);

    private OnlineBenchmark() {}

    /**
     * What one level runs.
     *
     * @param sessions concurrent sessions replayed
     * @param recordingSeconds the level's duration in recording time: the trials whose windows end within it (from the
     *     recording's start) are expected from every session
     * @param speed replay pace, 1 = real time
     * @param wallLimit wall-clock time after which the job is cancelled and trials not yet predicted count as missing
     * @param limitMillis p99 decision latency limit of a sustained level, ms
     */
    public record LevelRun(int sessions, double recordingSeconds, double speed, Duration wallLimit,
            double limitMillis) {
        public LevelRun {
            if (sessions < 1) {
                throw new IllegalArgumentException("Invalid value for 'sessions'. It must be at least 1, but got "
                        + sessions + " instead.");
            }
        }

        /** {@code sessions} at real-time pace for {@code recordingSeconds}, the 50 ms limit, the startup allowance. */
        public static LevelRun realTime(int sessions, double recordingSeconds) {
            return new LevelRun(sessions, recordingSeconds, 1.0,
                    Duration.ofMillis((long) (recordingSeconds * 1000)).plus(STARTUP_ALLOWANCE), DEFAULT_LIMIT_MILLIS);
        }
    }

    /**
     * One load level's outcome.
     *
     * @param sessions concurrent sessions replayed
     * @param sessionsComplete sessions that delivered every expected trial
     * @param trialsExpected trials expected over all sessions (each session's trials whose window ended within the
     *     level's recording time)
     * @param trials expected trials predicted
     * @param p50Millis median decision latency (scheduled time of the window's last sample → prediction), ms
     * @param p99Millis 99th percentile decision latency, ms
     * @param inJobP50Millis median in-job latency (arrival of the window's last sample at the epocher → prediction), ms
     * @param inJobP99Millis 99th percentile in-job latency, ms
     * @param limitMillis the p99 limit of a sustained level, ms
     * @param loadAverage1m the machine's 1-minute load average at the end of the level (NaN when unknown)
     */
    public record Level(int sessions, int sessionsComplete, int trialsExpected, int trials, double p50Millis,
            double p99Millis, double inJobP50Millis, double inJobP99Millis, double limitMillis,
            double loadAverage1m) {
        /** Every session delivered every expected trial, and the p99 decision latency is within the limit. */
        public boolean sustained() {
            return trials == trialsExpected && sessionsComplete == sessions && p99Millis <= limitMillis;
        }

        /** Why the level is not sustained ("yes" when it is). */
        public String verdict() {
            if (trials < trialsExpected) {
                return "no: " + (trialsExpected - trials) + " trials missing";
            }
            return p99Millis <= limitMillis ? "yes" : "no: p99 > " + fmt(limitMillis) + " ms";
        }

        /** A Markdown table row (columns of {@link #MARKDOWN_HEADER}); {@code baselineP99Millis}: compute only. */
        public String markdownRow(double baselineP99Millis) {
            return String.format(Locale.ROOT, "| %d | %d | %d / %d | %.2f | %.2f | %.2f | %.2f | %.1f | %s | %.2f |",
                    sessions, sessionsComplete, trials, trialsExpected, p50Millis, p99Millis, inJobP50Millis,
                    inJobP99Millis, p99Millis / baselineP99Millis, verdict(), loadAverage1m);
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** Header of {@link Level#markdownRow}. */
    public static final String MARKDOWN_HEADER = "| sessions | sessions with every trial | trials (got / expected) "
            + "| p50 (ms) | p99 (ms) | in-job p50 (ms) | in-job p99 (ms) | p99 / compute-only p99 | sustained "
            + "| load (1 min) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|";

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

    /**
     * Runs one level on embedded Flink: {@link #sessionsJob} until every session delivered the expected trials, or
     * at most {@code run.wallLimit()}; then {@link #summarize}s the expected trials' predictions.
     */
    public static Level measure(Path recording, Path model, LevelRun run, Path workDir) throws Exception {
        OnlineJob job = sessionsJob(recording, model, run.sessions(), run.speed(), workDir);
        Recording data = Recordings.read(recording);
        List<Double> cues = expectedCues(data, job.pipeline(), run.recordingSeconds());
        java.util.function.Predicate<List<Prediction>> complete = all -> summarize(data, job.pipeline(),
                run.sessions(), run.recordingSeconds(), all, run.limitMillis()).sessionsComplete() >= run.sessions();
        List<Prediction> predictions = OnlineRunner.run(job, p -> { }, run.wallLimit(), complete).predictions();
        return summarize(data, job.pipeline(), run.sessions(), run.recordingSeconds(), predictions,
                run.limitMillis());
    }

    /**
     * The level of {@code sessions} sessions of {@code recording} run for {@code recordingSeconds} of recording time
     * that made {@code predictions}: each session is expected to deliver the trials of {@link #expectedCues}; later
     * trials' predictions are left out.
     *
     * @throws IllegalArgumentException when no trial's window ends within {@code recordingSeconds}
     */
    public static Level summarize(Recording recording, Pipeline pipeline, int sessions, double recordingSeconds,
            List<Prediction> predictions, double limitMillis) {
        List<Double> cues = expectedCues(recording, pipeline, recordingSeconds);
        if (cues.isEmpty()) {
            throw new IllegalArgumentException(recording.file() + ": no trial's window ends within the level's "
                    + recordingSeconds + " s of recording time; give the level more time.");
        }
        double lastCue = cues.get(cues.size() - 1);
        return summarize(sessions, cues.size(), predictions.stream().filter(p -> p.cueSeconds() <= lastCue).toList(),
                limitMillis);
    }

    /**
     * The cue times (s, recording clock) of the trials of {@code recording} whose windows end within
     * {@code recordingSeconds} of its start, in order: the trials a session must deliver in a level of that duration.
     */
    public static List<Double> expectedCues(Recording recording, Pipeline pipeline, double recordingSeconds) {
        double start = SequentialRecordingReader.span(recording)[0];
        double windowEnd = org.neurostream.bci.epoch.EpochParameters.of(pipeline.spec().tminSeconds(),
                pipeline.spec().tmaxSeconds()).lastOffset(pipeline.sampleRateHz()) / pipeline.sampleRateHz();
        List<Double> cues = new ArrayList<>();
        for (RecordedStream s : recording.streams()) {
            if (!s.isMarkerStream()) {
                continue;
            }
            for (int i = 0; i < s.sampleCount(); i++) {
                double t = s.timestampsSeconds()[i];
                if (pipeline.classNames().contains(s.strings()[i].trim()) && t + windowEnd - start <= recordingSeconds) {
                    cues.add(t);
                }
            }
        }
        cues.sort(null);
        return cues;
    }

    /**
     * Runs one session through the whole recording as fast as possible, so that the levels measured afterwards in the
     * same JVM see compiled code (the first trials of a cold JVM take tens of milliseconds of JIT compilation).
     */
    public static void warmUp(Path recording, Path model, Path workDir) throws Exception {
        OnlineRunner.run(sessionsJob(recording, model, 1, Double.POSITIVE_INFINITY, workDir.resolve("warm-up")),
                p -> { });
    }

    /**
     * The level of {@code sessions} sessions, each expected to deliver {@code trialsPerSession} trials, that made
     * {@code predictions} (the expected trials' predictions), judged against {@code limitMillis}.
     */
    public static Level summarize(int sessions, int trialsPerSession, List<Prediction> predictions,
            double limitMillis) {
        double[] lat = OnlineReport.latencyMillis(predictions);
        double[] inJob = OnlineReport.latencyMillis(predictions, Prediction::inJobLatencyMicros);
        int complete = (int) predictions.stream().collect(java.util.stream.Collectors.groupingBy(
                Prediction::sessionKey, java.util.stream.Collectors.counting())).values().stream()
                .filter(n -> n >= trialsPerSession).count();
        return new Level(sessions, complete, sessions * trialsPerSession, predictions.size(), lat[0], lat[1],
                inJob[0], inJob[1], limitMillis, loadAverage1m());
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
        if (args.length < 4 || (args[3].equals("--until-p99-ms") && args.length != 5)) {
            System.err.println("Usage: OnlineBenchmark RECORDING MODEL.json|CALIBRATION_RUN SECONDS_PER_LEVEL "
                    + "(N1 N2 ... | --until-p99-ms LIMIT)");
            System.exit(2);
        }
        Path recording = Path.of(args[0]);
        double perLevelSeconds = Double.parseDouble(args[2]);
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
        boolean doubling = args[3].equals("--until-p99-ms");
        double limit = doubling ? Double.parseDouble(args[4]) : DEFAULT_LIMIT_MILLIS;
        List<Integer> levels = new ArrayList<>();
        for (int i = 3; !doubling && i < args.length; i++) {
            levels.add(Integer.parseInt(args[i]));
        }
        // The largest level sustained with every level before it sustained too.
        int largestSustained = 0;
        boolean sustainedSoFar = true;
        for (int i = 0, n = 1; doubling || i < levels.size(); i++, n *= 2) {
            int sessions = doubling ? n : levels.get(i);
            LevelRun base = LevelRun.realTime(sessions, perLevelSeconds);
            Level level = measure(recording, model, new LevelRun(sessions, base.recordingSeconds(), base.speed(),
                    base.wallLimit(), limit), work);
            System.out.println(level.markdownRow(baselineP99));
            sustainedSoFar &= level.sustained();
            if (sustainedSoFar) {
                largestSustained = sessions;
            } else if (doubling) {
                break;
            }
        }
        System.out.printf(Locale.ROOT, "%nCompute-only baseline (features + predict + learn, no Flink): p99 %.3f ms%n",
                baselineP99);
        System.out.printf(Locale.ROOT, "Largest sustained level (every trial, p99 <= %s ms): %d sessions%n",
                Level.fmt(limit), largestSustained);
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
