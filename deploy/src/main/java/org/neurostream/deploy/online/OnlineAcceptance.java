package org.neurostream.deploy.online;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.bci.pipeline.PipelineJson;
import org.neurostream.bci.pipeline.PipelineSpec;
import org.neurostream.deploy.calibrate.Calibration;
import org.neurostream.deploy.calibrate.LabeledEpochs;
import org.neurostream.deploy.calibrate.RecordingEpochs;
import org.neurostream.operators.online.Prediction;

/**
 * The acceptance experiment of the online job on PhysioNet eegmmidb subject 1: calibrate csp-lda on one run, stream
 * the task's other runs as consecutive sessions through the job (embedded Flink) with each online learner and with the
 * static model, with and without a concept shift injected in the last session (swapped labels, or changed channel
 * gains), and report prequential accuracy overall and after the shift, with running-accuracy plots.
 *
 * <p>Usage: {@code OnlineAcceptance DATA_DIR OUT_DIR [task...]} where tasks are {@code hands-feet} (calibrate R06,
 * stream R10 then R14) and {@code left-right} (calibrate R04, stream R08 then R12). The subject is the part of
 * DATA_DIR's name after the last underscore ({@code eegmmidb_S002}: files {@code S002R06.edf}, ...). An argument
 * {@code --gain-tau=SECONDS} sets the adaptive learners' channel gain time constant (0 = no gain adaptation) instead
 * of {@link Adaptation#DEFAULT_GAIN_TIME_CONSTANT_SECONDS}, for comparing candidates on development data.
 */
public final class OnlineAcceptance {

    /** A task of eegmmidb: calibration run and streamed runs (file names). */
    public record Task(String name, String calibrationRun, List<String> streamedRuns) {

        /** The same runs of another eegmmidb subject ({@code "S002"}): the file names' {@code S001} prefix replaced. */
        public Task forSubject(String subject) {
            return new Task(name, calibrationRun.replace("S001", subject),
                    streamedRuns.stream().map(r -> r.replace("S001", subject)).toList());
        }
    }

    public static final Task HANDS_FEET = new Task("hands-feet", "S001R06.edf", List.of("S001R10.edf",
            "S001R14.edf"));
    public static final Task LEFT_RIGHT = new Task("left-right", "S001R04.edf", List.of("S001R08.edf",
            "S001R12.edf"));

    /**
     * One streamed condition.
     *
     * @param task task name
     * @param adapt learner
     * @param shift injected shift
     * @param predictions the job's predictions in trial order
     * @param shiftedFrom index of the first trial of the shifted session
     */
    public record Outcome(String task, Adaptation.Kind adapt, ConceptShift.Kind shift, List<Prediction> predictions,
            int shiftedFrom) {

        /** Accuracy over trials [from, to). */
        public double accuracy(int from, int to) {
            int right = 0;
            for (int i = from; i < to; i++) {
                right += predictions.get(i).correct() ? 1 : 0;
            }
            return to > from ? (double) right / (to - from) : Double.NaN;
        }

        public double overall() {
            return accuracy(0, predictions.size());
        }

        public double afterShift() {
            return accuracy(shiftedFrom, predictions.size());
        }

        /**
         * Recovery speed: trials after the start of the shifted session until the accuracy over the last
         * {@link #RECOVERY_WINDOW} trials first reaches {@link #RECOVERED_ACCURACY} with every class in that window
         * predicted right at least once (counting the trial that gets there), or -1 when it never does within the
         * session.
         */
        public int recoveryTrials() {
            for (int t = shiftedFrom + RECOVERY_WINDOW - 1; t < predictions.size(); t++) {
                if (accuracy(t - RECOVERY_WINDOW + 1, t + 1) >= RECOVERED_ACCURACY
                        && everyClassRight(t - RECOVERY_WINDOW + 1, t + 1)) {
                    return t - shiftedFrom + 1;
                }
            }
            return -1;
        }

        /**
         * True when each class occurring among trials [from, to) was predicted right at least once there (so a model
         * that answers one class regardless does not count as recovered when that class happens to dominate).
         */
        private boolean everyClassRight(int from, int to) {
            java.util.Set<String> present = new java.util.HashSet<>();
            java.util.Set<String> right = new java.util.HashSet<>();
            for (int i = from; i < to; i++) {
                present.add(predictions.get(i).actual());
                if (predictions.get(i).correct()) {
                    right.add(predictions.get(i).actual());
                }
            }
            return right.equals(present);
        }

        /** Accuracy over the {@link #RECOVERY_WINDOW} trials ending at each trial (NaN before the window fills). */
        public double[] movingAccuracy() {
            double[] out = new double[predictions.size()];
            for (int t = 0; t < out.length; t++) {
                out[t] = t + 1 >= RECOVERY_WINDOW ? accuracy(t - RECOVERY_WINDOW + 1, t + 1) : Double.NaN;
            }
            return out;
        }

        /** Accuracy over the second half of the shifted session (after the learner had time to recover). */
        public double lateAfterShift() {
            return accuracy((shiftedFrom + predictions.size()) / 2, predictions.size());
        }
    }

    /** Trials in the moving window of the recovery measure. */
    public static final int RECOVERY_WINDOW = 5;
    /** Moving accuracy that counts as recovered: 4 of 5. */
    public static final double RECOVERED_ACCURACY = 0.8;

    private OnlineAcceptance() {}

    /**
     * Exact two-sided McNemar test of two learners on the same trials: the binomial probability of a split of the
     * discordant trials (one right, the other wrong) at least this uneven, if both were equally good.
     */
    public static double mcNemarP(List<Prediction> a, List<Prediction> b) {
        int onlyA = 0;
        int onlyB = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            boolean ra = a.get(i).correct();
            boolean rb = b.get(i).correct();
            onlyA += ra && !rb ? 1 : 0;
            onlyB += rb && !ra ? 1 : 0;
        }
        int n = onlyA + onlyB;
        int k = Math.min(onlyA, onlyB);
        double tail = 0;
        for (int i = 0; i <= k; i++) {
            tail += Math.exp(logChoose(n, i) - n * Math.log(2));
        }
        return Math.min(1, 2 * tail);
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    /** Plots the moving accuracy of each learner, with the shifted session's first trial marked. */
    static void plotMovingAccuracy(Map<String, Outcome> outcomes, String title, Path png) throws IOException {
        org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("trial").yAxisTitle("accuracy over the last " + RECOVERY_WINDOW + " trials").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setMarkerSize(3);
        int shift = -1;
        for (var e : outcomes.entrySet()) {
            double[] y = e.getValue().movingAccuracy();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int t = 0; t < y.length; t++) {
                if (!Double.isNaN(y[t])) {
                    xs.add(t + 1.0);
                    ys.add(y[t]);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(e.getKey(), xs, ys);
            }
            shift = e.getValue().shiftedFrom();
        }
        if (shift >= 0) {
            chart.addSeries("last session starts", List.of(shift + 0.5, shift + 0.5), List.of(0.0, 1.0))
                    .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        org.knowm.xchart.BitmapEncoder.saveBitmap(chart, png.toString(), org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG);
    }

    /** Calibrates the csp-lda pipeline on the task's calibration run into {@code model}. */
    public static void calibrate(Path dataDir, Task task, Path model) throws IOException {
        PipelineSpec spec = PipelineSpec.named("csp-lda");
        LabeledEpochs e = RecordingEpochs.read(List.of(dataDir.resolve(task.calibrationRun())), List.of("T1", "T2"),
                spec.lowHz(), spec.highHz(), spec.tminSeconds(), spec.tmaxSeconds());
        PipelineJson.save(Calibration.fitAll(spec, e), model);
    }

    /** Streams the task's runs through the online job with one learner (its defaults) and one shift. */
    public static Outcome run(Path dataDir, Task task, Path model, Adaptation.Kind adapt, ConceptShift.Kind shift,
            Path work) throws Exception {
        return run(dataDir, task, model, Adaptation.defaults(adapt), shift, work);
    }

    /** Streams the task's runs through the online job with one learner and one shift. */
    public static Outcome run(Path dataDir, Task task, Path model, Adaptation adaptation, ConceptShift.Kind shift,
            Path work) throws Exception {
        Adaptation.Kind adapt = adaptation.kind();
        List<String> sources = task.streamedRuns().stream().map(r -> "file:" + dataDir.resolve(r)).toList();
        Path out = work.resolve(task.name() + "-" + adapt.text() + "-" + shift.text());
        RunSpec spec = new RunSpec(sources, model, adaptation, false, true, null, out,
                Double.POSITIVE_INFINITY, RunSpec.DEFAULT_CHUNK_SAMPLES, null, 0, null, false, false);
        String last = task.streamedRuns().get(task.streamedRuns().size() - 1);
        OnlineJob job = new OnlineJob(spec, new ConceptShift(shift, last, "T1", "T2"));
        List<Prediction> predictions = new ArrayList<>(OnlineRunner.run(job, p -> { }).predictions());
        predictions.sort((a, b) -> Long.compare(a.trial(), b.trial()));
        String lastRecording = last.substring(0, last.indexOf('.'));
        int from = 0;
        while (from < predictions.size() && !predictions.get(from).recording().equals(lastRecording)) {
            from++;
        }
        return new Outcome(task.name(), adapt, shift, predictions, from);
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/eeg/eegmmidb_S001");
        Path outDir = Path.of(args.length > 1 ? args[1] : "docs/online-learning");
        String dirName = data.toAbsolutePath().normalize().getFileName().toString();
        String subject = dirName.substring(dirName.lastIndexOf('_') + 1);
        List<Task> tasks = new ArrayList<>();
        double gainTau = Adaptation.DEFAULT_GAIN_TIME_CONSTANT_SECONDS;
        List<ConceptShift.Kind> shifts = ConceptShift.Kind.ACCEPTANCE;
        List<Adaptation.Kind> learners = List.of(Adaptation.Kind.values());
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("--gain-tau=")) {
                gainTau = Double.parseDouble(args[i].substring("--gain-tau=".length()));
            } else if (args[i].startsWith("--shifts=")) { // e.g. the development shift channel-gains-interleaved
                shifts = Arrays.stream(args[i].substring("--shifts=".length()).split(","))
                        .map(ConceptShift.Kind::ofText).toList();
            } else if (args[i].startsWith("--learners=")) {
                learners = new ArrayList<>(Arrays.stream(args[i].substring("--learners=".length()).split(","))
                        .map(Adaptation.Kind::parse).toList());
                if (!learners.contains(Adaptation.Kind.NONE)) {
                    learners.add(Adaptation.Kind.NONE); // the static baseline of every comparison
                }
            } else {
                tasks.add((args[i].equals(LEFT_RIGHT.name()) ? LEFT_RIGHT : HANDS_FEET).forSubject(subject));
            }
        }
        if (tasks.isEmpty()) {
            tasks = List.of(HANDS_FEET.forSubject(subject), LEFT_RIGHT.forSubject(subject));
        }
        Files.createDirectories(outDir);
        Path work = Files.createTempDirectory("neurostream-acceptance");
        StringBuilder md = new StringBuilder("| task | shift in last session | learner | trials | prequential accuracy |"
                + " last session | second half of last session | trials to recover (4 of 5 right, both classes) | McNemar p vs "
                + "static |\n|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Task task : tasks) {
            Path model = work.resolve(task.name() + ".json");
            calibrate(data, task, model);
            for (ConceptShift.Kind shift : shifts) {
                Map<String, List<Prediction>> series = new LinkedHashMap<>();
                Map<String, Outcome> outcomes = new LinkedHashMap<>();
                for (Adaptation.Kind adapt : learners) {
                    Adaptation adaptation = Adaptation.defaults(adapt);
                    Outcome o = run(data, task, model, adapt == Adaptation.Kind.NONE ? adaptation
                            : adaptation.withGainTimeConstant(gainTau), shift, work);
                    series.put(adapt.text(), o.predictions());
                    outcomes.put(adapt.text(), o);
                }
                List<Prediction> fixed = outcomes.get(Adaptation.Kind.NONE.text()).predictions();
                for (Outcome o : outcomes.values()) {
                    int recovery = o.recoveryTrials();
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %.3f | %.3f | %s | %.2f |%n",
                            task.name(), shift.text(), o.adapt().text(), o.predictions().size(), o.overall(),
                            o.afterShift(), o.lateAfterShift(), recovery < 0 ? "not within the session"
                                    : Integer.toString(recovery), mcNemarP(o.predictions(), fixed)));
                    System.out.printf(Locale.ROOT, "%s %s %s: %d trials, accuracy %.3f, after shift %.3f%n",
                            task.name(), shift.text(), o.adapt().text(), o.predictions().size(), o.overall(),
                            o.afterShift());
                }
                String title = "eegmmidb " + subject + " " + task.name() + ", shift: " + shift.text() + " (in "
                        + task.streamedRuns().get(1) + ")";
                OnlineReport.plotRunningAccuracy(series, title, outDir.resolve(task.name() + "-" + shift.text()
                        + ".png"));
                plotMovingAccuracy(outcomes, title, outDir.resolve(task.name() + "-" + shift.text()
                        + "-recovery.png"));
            }
        }
        Files.writeString(outDir.resolve("acceptance.md"), md.toString());
        System.out.print(md);
    }
}
