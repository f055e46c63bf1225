package org.neurostream.bci.classify;

import org.neurostream.bci.Checks;

/**
 * Nearest class mean, as scikit-learn's {@code NearestCentroid()} with the Euclidean metric and no shrinkage: each
 * class is its mean feature vector and a sample goes to the closest one.
 */
public record NearestCentroidParams() implements ClassifierSpec {

    @Override
    public String name() {
        return "ncm";
    }

    @Override
    public NearestCentroidModel fit(double[][] x, int[] y) {
        int p = Checks.checkFeatures("X", x);
        int[] classes = Checks.checkLabels(x.length, y, 2);
        double[][] centroids = new double[classes.length][p];
        int[] counts = new int[classes.length];
        for (int i = 0; i < x.length; i++) {
            int k = Checks.classIndex(classes, y[i]);
            counts[k]++;
            for (int j = 0; j < p; j++) {
                centroids[k][j] += x[i][j];
            }
        }
        for (int k = 0; k < classes.length; k++) {
            for (int j = 0; j < p; j++) {
                centroids[k][j] /= counts[k];
            }
        }
        return new NearestCentroidModel(classes, centroids);
    }
}
