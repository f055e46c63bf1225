package org.neurostream.deploy.calibrate;

import java.util.Arrays;
import java.util.List;
import org.neurostream.bci.evaluate.CrossValidation;
import org.neurostream.bci.evaluate.Split;
import org.neurostream.bci.evaluate.Splitters;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.bci.pipeline.PipelineSpec;

/** Cross-validates a pipeline spec on labelled epochs and fits the final pipeline on all of them. */
public final class Calibration {
    private Calibration() {}

    /** Cross-validation schemes of the calibrate command. */
    public static final List<String> CV_SCHEMES = List.of("shuffle", "kfold", "runs");

    /**
     * The splits for a scheme: "shuffle" = ShuffleSplit(10, 20 %, seed 42) as MNE's CSP example, "kfold" =
     * StratifiedKFold(5) without shuffling, "runs" = leave one run (file) out.
     */
    public static List<Split> splits(String scheme, LabeledEpochs data) {
        org.neurostream.bci.Checks.checkOption("cv", scheme, CV_SCHEMES);
        return switch (scheme) {
            case "shuffle" -> Splitters.shuffleSplit(data.y().length, 10, 0.2, 42);
            case "kfold" -> Splitters.stratifiedKFold(data.y(), 5);
            default -> Splitters.leaveOneGroupOut(data.runs());
        };
    }

    public static CrossValidation.Report crossValidate(PipelineSpec spec, LabeledEpochs data, List<Split> splits,
            CrossValidation.Progress progress) {
        return CrossValidation.run(data.y(), splits, (train, test) -> {
            Pipeline p = fit(spec, data, train);
            double[][][] xt = pick(data.x(), test);
            double[][] d = p.decisionFunction(xt);
            double[] score = d[0].length == 1 ? Arrays.stream(d).mapToDouble(v -> v[0]).toArray() : null;
            return new CrossValidation.FoldOutcome(p.predict(xt), score);
        }, progress);
    }

    /** Fits on the epochs at {@code indices}. */
    public static Pipeline fit(PipelineSpec spec, LabeledEpochs data, int[] indices) {
        return spec.fit(pick(data.x(), indices), Arrays.stream(indices).map(i -> data.y()[i]).toArray(),
                data.channels(), data.sampleRateHz(), data.classNames());
    }

    /**
     * The pipeline to save: fitted on all epochs, with the recordings' channel power (the reference of the online
     * job's channel gain adaptation).
     */
    public static Pipeline fitAll(PipelineSpec spec, LabeledEpochs data) {
        return fit(spec, data, java.util.stream.IntStream.range(0, data.y().length).toArray())
                .withChannelPower(data.channelPower());
    }

    static double[][][] pick(double[][][] x, int[] idx) {
        return Arrays.stream(idx).mapToObj(i -> x[i]).toArray(double[][][]::new);
    }
}
