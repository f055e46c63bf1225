package org.neurostream.bci.classify;

/**
 * A fitted LDA (scikit-learn attribute names in brackets).
 *
 * @param classes sorted class codes [classes_]
 * @param coef weights [1][nFeatures] for two classes, else [nClasses][nFeatures] [coef_]
 * @param intercept [1] or [nClasses] [intercept_]
 * @param means class means [nClasses][nFeatures] [means_]
 * @param priors class priors [priors_]
 * @param shrinkage the shrinkage intensity used for each class's covariance (Ledoit-Wolf's α, the fixed value, or 0)
 * @param covariance the prior-weighted within-class covariance [nFeatures][nFeatures] [covariance_]
 */
public record LdaModel(int[] classes, double[][] coef, double[] intercept, double[][] means, double[] priors,
        double[] shrinkage, double[][] covariance) implements ClassifierModel {

    @Override
    public int nFeatures() {
        return coef[0].length;
    }

    @Override
    public double[] decision(double[] x) {
        double[] out = new double[coef.length];
        for (int k = 0; k < coef.length; k++) {
            double s = intercept[k];
            double[] w = coef[k];
            for (int j = 0; j < w.length; j++) {
                s += w[j] * x[j];
            }
            out[k] = s;
        }
        return out;
    }
}
