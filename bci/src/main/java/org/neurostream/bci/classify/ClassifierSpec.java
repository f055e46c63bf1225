package org.neurostream.bci.classify;

/** A classifier's parameters; {@link #fit} validates them and the data and returns an immutable fitted model. */
public sealed interface ClassifierSpec permits LdaParams, LogisticRegressionParams, NearestCentroidParams {

    /** Short name used in messages and saved pipelines ("lda", "lr", "ncm"). */
    String name();

    /**
     * Fits on features {@code x} [nSamples][nFeatures] and class codes {@code y} [nSamples].
     *
     * @throws IllegalArgumentException on ragged or non-finite data, mismatched labels or fewer than two classes
     */
    ClassifierModel fit(double[][] x, int[] y);
}
