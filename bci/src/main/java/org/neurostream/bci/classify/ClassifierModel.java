package org.neurostream.bci.classify;

/**
 * A fitted classifier: immutable learned values that map a feature vector to a decision.
 *
 * <p>Decisions follow scikit-learn's {@code decision_function}: with two classes one score per sample, positive for
 * {@code classes()[1]}; with more classes one score per class, the largest wins.
 */
public sealed interface ClassifierModel permits LdaModel, LogisticRegressionModel, NearestCentroidModel {

    /** Sorted distinct class codes seen in {@code fit}. */
    int[] classes();

    /** Number of features the model expects. */
    int nFeatures();

    /** Decision scores for one sample: length 1 for two classes, else one per class. */
    double[] decision(double[] x);

    /** Predicted class code for one sample. */
    default int predict(double[] x) {
        checkWidth(x);
        double[] d = decision(x);
        if (d.length == 1) {
            return classes()[d[0] > 0 ? 1 : 0];
        }
        int best = 0;
        for (int k = 1; k < d.length; k++) {
            if (d[k] > d[best]) {
                best = k;
            }
        }
        return classes()[best];
    }

    /** Predicted class codes, one per row of {@code x} [nSamples][nFeatures]. */
    default int[] predict(double[][] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = predict(x[i]);
        }
        return out;
    }

    /** Decision scores, [nSamples][1] for two classes or [nSamples][nClasses]. */
    default double[][] decisionFunction(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            checkWidth(x[i]);
            out[i] = decision(x[i]);
        }
        return out;
    }

    private void checkWidth(double[] x) {
        if (x.length != nFeatures()) {
            throw new IllegalArgumentException("X has " + x.length + " features, but " + getClass().getSimpleName()
                    + " is expecting " + nFeatures() + " features as input.");
        }
    }
}
