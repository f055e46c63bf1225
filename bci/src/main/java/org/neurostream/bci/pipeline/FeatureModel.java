package org.neurostream.bci.pipeline;

/** A fitted feature extractor: one epoch [nChannels][nTimes] in, one feature vector out. Learned values are immutable. */
public sealed interface FeatureModel
        permits CspFeatures.Model, FilterBankCspFeatures.Model, PsdFeatures.Model, CoherenceFeatures.Model,
        TangentSpaceFeatures.Model {

    /** Length of the feature vector. */
    int nFeatures();

    /** Features of one epoch. */
    double[] transform(double[][] epoch);

    /** Features of many epochs. */
    default double[][] transform(double[][][] epochs) {
        double[][] out = new double[epochs.length][];
        for (int i = 0; i < epochs.length; i++) {
            out[i] = transform(epochs[i]);
        }
        return out;
    }
}
