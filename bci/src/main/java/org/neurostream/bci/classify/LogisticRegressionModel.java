package org.neurostream.bci.classify;

/**
 * A fitted logistic regression (scikit-learn's {@code coef_}, {@code intercept_}).
 *
 * @param classes sorted class codes
 * @param coef [1][nFeatures] for two classes, [nClasses][nFeatures] (multinomial) otherwise
 * @param intercept [1] or [nClasses]
 */
public record LogisticRegressionModel(int[] classes, double[][] coef, double[] intercept) implements ClassifierModel {

    @Override
    public int nFeatures() {
        return coef[0].length;
    }

    @Override
    public double[] decision(double[] x) {
        double[] out = new double[coef.length];
        for (int k = 0; k < coef.length; k++) {
            double s = intercept[k];
            for (int j = 0; j < x.length; j++) {
                s += coef[k][j] * x[j];
            }
            out[k] = s;
        }
        return out;
    }

    /** Class probabilities (logistic for two classes, softmax otherwise), in class order. */
    public double[] probabilities(double[] x) {
        double[] d = decision(x);
        if (d.length == 1) {
            double p1 = 1 / (1 + Math.exp(-d[0]));
            return new double[] {1 - p1, p1};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : d) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] out = new double[d.length];
        for (int k = 0; k < d.length; k++) {
            out[k] = Math.exp(d[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < d.length; k++) {
            out[k] /= sum;
        }
        return out;
    }
}
