package org.neurostream.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.deploy.dashboard.DashboardOptions;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.deploy.online.OnlineReport;
import org.neurostream.deploy.online.OnlineRunner;
import org.neurostream.deploy.online.RunSpec;
import org.neurostream.deploy.online.RunYaml;
import org.neurostream.operators.online.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurostream run}: the online BCI job with continual learning, from flags or a pipeline YAML file.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Classify a live (LSL) or replayed (file) EEG stream trial by trial with a calibrated pipeline "
                + "while the classifier keeps learning from the cue labels (prequential: each trial is predicted "
                + "before its label is used).",
            "Writes OUT/predictions/*.jsonl (committed with checkpoints, exactly once), OUT/metrics.json and "
                + "OUT/accuracy.png. Ctrl-C stops with a savepoint in OUT/savepoints for the next session.",
            "Flags and Flink keys: --checkpoint-dir = execution.checkpointing.dir, --checkpoint-interval = "
                + "execution.checkpointing.interval, --from-savepoint = execution.state-recovery.path."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PIPELINE.yaml",
            description = "A pipeline YAML file instead of the flags (keys: the flag names without dashes).")
    Path yaml;

    @Option(names = "--source", split = ",", paramLabel = "SRC",
            description = "file:PATH (a recording; repeat or separate by commas) or lsl:KEY=VALUE (e.g. lsl:type=EEG).")
    List<String> sources;

    @Option(names = "--model", paramLabel = "FILE", description = "Calibrated pipeline (neurostream calibrate --out).")
    Path model;

    @Option(names = "--adapt", defaultValue = Adaptation.DEFAULT_KIND_NAME, paramLabel = "KIND",
            description = "Online learner: lda, lda-pmean (unsupervised, Vidaurre 2010), ncm, lr (preconditioned SGD "
                    + "that forgets its weights with the same homeostatic memory as lda and ncm) "
                    + "or none. With a calibrated --model, lda, ncm and lr are guarded: each trial is decided by the "
                    + "calibrated model or the learner, whichever has the lower recent error (default: "
                    + "${DEFAULT-VALUE}).")
    String adapt;

    @Option(names = "--calibration-trials", defaultValue = "" + Adaptation.DEFAULT_CALIBRATION_TRIALS,
            paramLabel = "W", description = "Trials the calibration was fitted on; the learners' defaults follow from "
                    + "it: forgetting factor 1-1/W, pooled-mean step 1/W, lr step 4/W preconditioned by the "
                    + "calibration's second moment (a memory of W trials) "
                    + "(default: ${DEFAULT-VALUE}, one eegmmidb run).")
    double calibrationTrials;

    @Option(names = "--forgetting-factor", paramLabel = "LAMBDA",
            description = "Forgetting factor of lda, ncm and lr in (0, 1]; memory about 1/(1-LAMBDA) trials "
                    + "(default: 1-1/W).")
    Double forgettingFactor;

    @Option(names = "--gain-time-constant", paramLabel = "SECONDS",
            description = "Time constant of the channel gain adaptation (each band-passed channel rescaled to the "
                    + "calibration's power before the spatial filter), seconds of signal; 0 = off (default: "
                    + Adaptation.DEFAULT_GAIN_TIME_CONSTANT_SECONDS + " for lda, lda-pmean, ncm and lr; off for none).")
    Double gainTimeConstantSeconds;

    @Option(names = "--from-scratch", description = "Learn the classifier from nothing (features from the model).")
    boolean fromScratch;

    @Option(names = "--sequential", description = "File sources are consecutive sessions of one subject, replayed "
            + "one after the other, 2 s apart (the filter restarts for each).")
    boolean sequential;

    @Option(names = "--session-key", paramLabel = "KEY",
            description = "Fixed state key (default: the subject of each recording, e.g. S001 for S001R10.edf).")
    String sessionKey;

    @Option(names = "--out", defaultValue = "run-out", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--speed", paramLabel = "X", description = "Replay at real time × X. Default: as fast as possible.")
    Double speed;

    @Option(names = "--chunk-samples", defaultValue = "" + RunSpec.DEFAULT_CHUNK_SAMPLES, paramLabel = "N",
            description = "The most samples per replayed chunk (default: ${DEFAULT-VALUE}).")
    int chunkSamples;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Checkpoint directory, execution.checkpointing.dir (default: OUT/checkpoints).")
    Path checkpointDir;

    @Option(names = "--checkpoint-interval", defaultValue = "" + RunSpec.DEFAULT_CHECKPOINT_INTERVAL_MILLIS,
            paramLabel = "MS", description = "Checkpoint interval in ms, execution.checkpointing.interval; 0 = off "
                    + "(default: ${DEFAULT-VALUE}).")
    long checkpointIntervalMillis;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Start from a savepoint or retained checkpoint, execution.state-recovery.path.")
    String fromSavepoint;

    @Option(names = "--lsl-out", description = "Also publish predictions as the LSL marker stream "
            + "'neurostream-predictions'.")
    boolean lslOut;

    @Option(names = "--json", description = "Print each prediction as a JSON line.")
    boolean json;

    @Mixin
    UiOptions ui;

    /**
     * The run these parsed arguments describe (from the flags or the pipeline YAML file), with its files checked; the
     * cluster entry point {@code org.neurostream.deploy.jobs.OnlineBciJobMain} parses its arguments the same way.
     *
     * @throws ParameterException when the arguments are inconsistent or a file is missing
     */
    public RunSpec runSpec() throws java.io.IOException {
        RunSpec run = yaml != null ? fromYaml() : fromFlags();
        for (Path f : run.files()) {
            if (!Files.isRegularFile(f)) {
                throw new ParameterException(spec.commandLine(), "Source file '" + f
                        + "' does not exist or is not a file.");
            }
        }
        if (!Files.isRegularFile(run.model())) {
            throw new ParameterException(spec.commandLine(), "Model file '" + run.model()
                    + "' does not exist; create it with neurostream calibrate --out FILE.");
        }
        return run;
    }

    @Override
    public Integer call() throws Exception {
        RunSpec run = runSpec();
        DashboardOptions dashboard = ui.dashboard(spec);
        OnlineJob job = new OnlineJob(run);
        PrintWriter pw = spec.commandLine().getOut();
        OnlineRunner.Result result = OnlineRunner.run(job, p -> {
            pw.println(run.json() ? p.toJson() : line(p));
            pw.flush();
        }, null, all -> false, dashboard);
        OnlineRunner.writeOutputs(job, result);
        if (!run.json()) {
            for (OnlineReport r : result.reports()) {
                pw.println(r);
            }
            pw.println("Predictions: " + job.predictionsDir() + ", metrics: " + run.out().resolve("metrics.json")
                    + ", plot: " + run.out().resolve("accuracy.png")
                    + (result.savepoint() == null ? "" : ", savepoint: " + result.savepoint()));
        }
        pw.flush();
        return 0;
    }

    private static String line(Prediction p) {
        return String.format("%s %s trial %d at %.2f s: predicted %s, actual %s (%s); running accuracy %.3f, kappa "
                        + "%.3f; latency %.2f ms", p.sessionKey(), p.recording(), p.trial(), p.cueSeconds(),
                p.predicted(), p.actual(), p.correct() ? "right" : "wrong", p.runningAccuracy(), p.runningKappa(),
                p.latencyMicros() / 1000.0);
    }

    private RunSpec fromYaml() throws java.io.IOException {
        if (sources != null || model != null) {
            throw new ParameterException(spec.commandLine(), "Give either a pipeline YAML file or --source/--model "
                    + "flags, not both.");
        }
        try {
            return RunYaml.read(yaml);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "Pipeline file '" + yaml + "' does not exist.");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private RunSpec fromFlags() {
        if (sources == null || sources.isEmpty() || model == null) {
            throw new ParameterException(spec.commandLine(), "Missing --source and/or --model (or give a pipeline "
                    + "YAML file).");
        }
        try {
            Adaptation adaptation = Adaptation.forCalibrationTrials(Adaptation.Kind.parse(adapt), calibrationTrials);
            if (forgettingFactor != null) {
                adaptation = adaptation.withForgettingFactor(forgettingFactor);
            }
            if (gainTimeConstantSeconds != null) {
                adaptation = adaptation.withGainTimeConstant(gainTimeConstantSeconds);
            }
            return new RunSpec(sources, model, adaptation, fromScratch, sequential, sessionKey, out,
                    speed == null ? Double.POSITIVE_INFINITY : speed, chunkSamples, checkpointDir,
                    checkpointIntervalMillis, fromSavepoint, lslOut, json);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
