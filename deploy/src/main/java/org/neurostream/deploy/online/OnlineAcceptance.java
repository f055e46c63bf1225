package org.neurostream.deploy.online;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.bci.pipeline.PipelineJson;
import org.neurostream.bci.pipeline.PipelineSpec;
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
 * stream R10 then R14) and {@code left-right} (calibrate R04, stream R08 then R12).
 */
public final class OnlineAcceptance {

    /** A task of eegmmidb: calibration run and streamed runs (file names). */
    public record Task(String name, String calibrationRun, List<String> streamedRuns) {}

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

        /** Accuracy over the second half of the shifted session (after the learner had time to recover). */
        public double lateAfterShift() {
            return accuracy((shiftedFrom + predictions.size()) / 2, predictions.size());
        }
    }

    private OnlineAcceptance() {}

    /** Calibrates the csp-lda pipeline on the task's calibration run into {@code model}. */
    public static void calibrate(Path dataDir, Task task, Path model) throws IOException {
        PipelineSpec spec = PipelineSpec.named("csp-lda");
        LabeledEpochs e = RecordingEpochs.read(List.of(dataDir.resolve(task.calibrationRun())), List.of("T1", "T2"),
                spec.lowHz(), spec.highHz(), spec.tminSeconds(), spec.tmaxSeconds());
        PipelineJson.save(spec.fit(e.x(), e.y(), e.channels(), e.sampleRateHz(), e.classNames()), model);
    }

    /** Streams the task's runs through the online job with one learner and one shift. */
    public static Outcome run(Path dataDir, Task task, Path model, Adaptation.Kind adapt, ConceptShift.Kind shift,
            Path work) throws Exception {
        List<String> sources = task.streamedRuns().stream().map(r -> "file:" + dataDir.resolve(r)).toList();
        Path out = work.resolve(task.name() + "-" + adapt.text() + "-" + shift.text());
        RunSpec spec = new RunSpec(sources, model, Adaptation.defaults(adapt), false, true, null, out,
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
        List<Task> tasks = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            tasks.add(args[i].equals(LEFT_RIGHT.name()) ? LEFT_RIGHT : HANDS_FEET);
        }
        if (tasks.isEmpty()) {
            tasks = List.of(HANDS_FEET, LEFT_RIGHT);
        }
        Files.createDirectories(outDir);
        Path work = Files.createTempDirectory("neurostream-acceptance");
        StringBuilder md = new StringBuilder("| task | shift in last session | learner | trials | prequential accuracy |"
                + " after shift (last session) | second half of last session |\n|---|---|---|---:|---:|---:|---:|\n");
        for (Task task : tasks) {
            Path model = work.resolve(task.name() + ".json");
            calibrate(data, task, model);
            for (ConceptShift.Kind shift : ConceptShift.Kind.values()) {
                Map<String, List<Prediction>> series = new LinkedHashMap<>();
                for (Adaptation.Kind adapt : Adaptation.Kind.values()) {
                    Outcome o = run(data, task, model, adapt, shift, work);
                    series.put(adapt.text(), o.predictions());
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %.3f | %.3f |%n", task.name(),
                            shift.text(), adapt.text(), o.predictions().size(), o.overall(), o.afterShift(),
                            o.lateAfterShift()));
                    System.out.printf(Locale.ROOT, "%s %s %s: %d trials, accuracy %.3f, after shift %.3f%n",
                            task.name(), shift.text(), adapt.text(), o.predictions().size(), o.overall(),
                            o.afterShift());
                }
                OnlineReport.plotRunningAccuracy(series, "eegmmidb S001 " + task.name() + ", shift: " + shift.text()
                        + " (in " + task.streamedRuns().get(1) + ")", outDir.resolve(task.name() + "-" + shift.text()
                        + ".png"));
            }
        }
        Files.writeString(outDir.resolve("acceptance.md"), md.toString());
        System.out.print(md);
    }
}
