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
}
