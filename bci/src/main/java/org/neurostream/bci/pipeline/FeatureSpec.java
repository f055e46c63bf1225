package org.neurostream.bci.pipeline;

/** A feature extractor's parameters; {@link #fit} learns from labelled epochs and returns an immutable model. */
public sealed interface FeatureSpec
        permits CspFeatures, FilterBankCspFeatures, PsdFeatures, CoherenceFeatures, TangentSpaceFeatures {

    /** The name used on the command line and in saved pipelines: csp, fbcsp, psd, coh, ts. */
    String name();

    /**
     * Learns from epochs [nEpochs][nChannels][nTimes] sampled at {@code sampleRateHz}, with class codes {@code y}.
     */
    FeatureModel fit(double[][][] x, int[] y, double sampleRateHz);

    /**
     * Fits and returns the features a classifier should be trained on for the same epochs: by default the model's
     * transform of {@code x}; a spec whose in-sample features are biased (FBCSP) returns out-of-fold features.
     */
    default Fitted fitForClassifier(double[][][] x, int[] y, double sampleRateHz) {
        FeatureModel model = fit(x, y, sampleRateHz);
        return new Fitted(model, model.transform(x));
    }

    /** A fitted model and the classifier's training features [nEpochs][nFeatures]. */
    record Fitted(FeatureModel model, double[][] trainingFeatures) {}
}
