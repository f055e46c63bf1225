package org.neurostream.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.neurostream.bci.evaluate.CrossValidation;
import org.neurostream.bci.evaluate.Split;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.bci.pipeline.PipelineJson;
import org.neurostream.bci.pipeline.PipelineSpec;
import org.neurostream.deploy.calibrate.Calibration;
import org.neurostream.deploy.calibrate.CalibrationReport;
import org.neurostream.deploy.calibrate.LabeledEpochs;
import org.neurostream.deploy.calibrate.RecordingEpochs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurostream calibrate}: cross-validates a BCI pipeline on labelled recordings, prints the scores beside the
 * chance level, fits the pipeline on all epochs, saves it, and optionally writes an HTML report.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Calibrates a BCI pipeline on recordings (EDF/BDF/GDF/XDF via neurostream's readers): epochs "
                + "around the class markers, cross-validated scores beside the chance level, the fitted model saved as"
                + " JSON, and an optional HTML report."})
public final class CalibrateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recordings, one run per file.")
    List<Path> files;

    @Option(names = "--classes", split = ",", required = true, paramLabel = "NAME",
            description = "Marker texts of the classes, comma separated, e.g. T1,T2. Class code k is the k-th name.")
    List<String> classes;

    @Option(names = "--pipeline", defaultValue = "csp-lda", paramLabel = "NAME",
            description = "csp-lda, fbcsp-lda, psd-lda, coh-lda or ts-lr (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--cv", defaultValue = "shuffle", paramLabel = "SCHEME",
            description = "shuffle (10 splits of 20 %%, seed 42), kfold (stratified 5-fold) or runs (leave one file "
                    + "out) (default: ${DEFAULT-VALUE}).")
    String cv;

    @Option(names = "--json", description = "Print the scores as JSON on standard output.")
    boolean json;

    @Option(names = "--out", defaultValue = "model.json", paramLabel = "FILE",
            description = "Where to save the calibrated pipeline (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", paramLabel = "DIR", description = "Write an HTML report with PNG figures to DIR.")
    Path report;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (classes.size() < 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--classes needs at least two names, "
                    + "but got " + classes + ".");
        }
        PipelineSpec pipelineSpec = PipelineSpec.named(pipeline);
        LabeledEpochs data;
        try (ProgressBar bar = bar("Reading and filtering", files.size())) {
            data = RecordingEpochs.read(files, classes, pipelineSpec.lowHz(), pipelineSpec.highHz(),
                    pipelineSpec.tminSeconds(), pipelineSpec.tmaxSeconds());
            bar.stepTo(files.size());
        }
        List<Split> splits = Calibration.splits(cv, data);
        CrossValidation.Report scores;
        try (ProgressBar bar = bar("Cross-validation (" + cv + ")", splits.size())) {
            scores = Calibration.crossValidate(pipelineSpec, data, splits, (done, total) -> bar.stepTo(done));
        }
        Pipeline fitted;
        try (ProgressBar bar = bar("Fitting on all epochs", 1)) {
            fitted = Calibration.fitAll(pipelineSpec, data);
            bar.step();
        }
        PipelineJson.save(fitted, out);
        if (report != null) {
            System.setProperty("java.awt.headless", "true");
            CalibrationReport.write(report, data, fitted, scores, cv, "neurostream calibrate " + String.join(" ",
                    spec.commandLine().getParseResult().originalArgs()));
        }
        if (json) {
            stdout.println(toJson(scores, data));
        } else {
            stdout.printf(Locale.ROOT, "%s on %d epochs (%d channels, %.1f Hz) from %d file(s), %s cross-validation "
                    + "with %d splits%n", pipeline, data.y().length, data.channels().size(), data.sampleRateHz(),
                    files.size(), cv, splits.size());
            stdout.printf(Locale.ROOT, "accuracy          %.3f ± %.3f   (chance level %.3f; p < 0.05 needs > %.3f)%n",
                    scores.accuracy(), scores.accuracyStd(), scores.chanceLevel(), scores.binomialThreshold());
            stdout.printf(Locale.ROOT, "balanced accuracy %.3f%n", scores.balancedAccuracy());
            stdout.printf(Locale.ROOT, "Cohen's kappa     %.3f%n", scores.kappa());
            if (!Double.isNaN(scores.rocAuc())) {
                stdout.printf(Locale.ROOT, "ROC-AUC           %.3f%n", scores.rocAuc());
            }
            stdout.printf("model saved to %s%n", out);
            if (report != null) {
                stdout.printf("report written to %s%n", report.resolve("index.html"));
            }
        }
        stdout.flush();
        return 0;
    }

    private static ProgressBar bar(String task, int max) {
        return ProgressBars.start(task, max, "");
    }

    private String toJson(CrossValidation.Report r, LabeledEpochs data) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("pipeline", pipeline);
        root.put("cv", cv);
        root.put("epochs", data.y().length);
        ArrayNode cls = root.putArray("classes");
        classes.forEach(cls::add);
        root.put("accuracy", r.accuracy());
        root.put("accuracyStd", r.accuracyStd());
        ArrayNode folds = root.putArray("foldAccuracy");
        for (double a : r.foldAccuracy()) {
            folds.add(a);
        }
        root.put("balancedAccuracy", r.balancedAccuracy());
        root.put("kappa", r.kappa());
        if (Double.isNaN(r.rocAuc())) {
            root.putNull("rocAuc");
        } else {
            root.put("rocAuc", r.rocAuc());
        }
        root.put("chanceLevel", r.chanceLevel());
        root.put("binomialThreshold", r.binomialThreshold());
        ArrayNode cm = root.putArray("confusion");
        for (int[] row : r.confusion()) {
            ArrayNode a = cm.addArray();
            for (int v : row) {
                a.add(v);
            }
        }
        root.put("model", out.toString());
        return mapper.writeValueAsString(root);
    }
}
