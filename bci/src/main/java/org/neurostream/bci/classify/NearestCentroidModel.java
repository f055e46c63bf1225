package org.neurostream.bci.classify;

/**
 * A fitted nearest-class-mean classifier. Decisions are negative squared Euclidean distances to each centroid (with
 * two classes, d0² − d1², positive for class 1).
 *
 * @param classes sorted class codes
 * @param centroids class means [nClasses][nFeatures] (scikit-learn's {@code centroids_})
 */
public record NearestCentroidModel(int[] classes, double[][] centroids) implements ClassifierModel {

    @Override
    public int nFeatures() {
        return centroids[0].length;
    }

    @Override
    public double[] decision(double[] x) {
        double[] d = new double[centroids.length];
        for (int k = 0; k < centroids.length; k++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                double v = x[j] - centroids[k][j];
                s += v * v;
            }
            d[k] = -s;
        }
        if (d.length == 2) {
            return new double[] {d[1] - d[0]};
        }
        return d;
    }
}
