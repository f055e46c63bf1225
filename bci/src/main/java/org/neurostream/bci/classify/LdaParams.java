package org.neurostream.bci.classify;

import java.util.Arrays;
import org.neurostream.bci.Checks;
import org.neurostream.bci.linalg.LedoitWolf;
import org.neurostream.bci.linalg.Matrices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linear discriminant analysis as scikit-learn's {@code LinearDiscriminantAnalysis(solver='lsqr', shrinkage=...)}.
 *
 * <p>The within-class covariance is Σ_k prior_k·Cov_k. With {@link Shrinkage.LedoitWolf} each class's features are
 * standardized (mean 0, population standard deviation 1, zero deviations kept at 1), the Ledoit-Wolf estimate is taken
 * on the standardized data and scaled back — scikit-learn's {@code _cov(X, 'auto')}. Then coef = Σ⁻¹·μ_k and
 * intercept_k = −½·μ_k·coef_k + log(prior_k) (Hastie, Tibshirani, Friedman, ESL 2nd ed., eq. 4.10); with two classes
 * the difference class 1 − class 0 is kept. Only the least-squares solver is provided: it is the one that supports
 * shrinkage and gives the decision function.
 *
 * @param shrinkage covariance shrinkage
 * @param priors class priors in class-code order, or null to use the class frequencies; renormalized with a warning
 *     when they do not sum to 1
 */
public record LdaParams(Shrinkage shrinkage, double[] priors) implements ClassifierSpec {
    private static final Logger LOG = LoggerFactory.getLogger(LdaParams.class);

    /** Ledoit-Wolf shrinkage, priors from the class frequencies: the usual BCI choice. */
    public static LdaParams shrinkageAuto() {
        return new LdaParams(Shrinkage.auto(), null);
    }

    public LdaParams {
        if (shrinkage == null) {
            throw new IllegalArgumentException("shrinkage must not be null; use Shrinkage.none() for no shrinkage.");
        }
    }

    @Override
    public String name() {
        return "lda";
    }

    @Override
    public LdaModel fit(double[][] x, int[] y) {
        int p = Checks.checkFeatures("X", x);
        int[] classes = Checks.checkLabels(x.length, y, 2);
        int nClasses = classes.length;
        double[] pri = resolvePriors(y, classes);
        double[][] means = new double[nClasses][p];
        double[][] cov = new double[p][p];
        double[] intensities = new double[nClasses];
        for (int k = 0; k < nClasses; k++) {
            double[][] xk = rowsOfClass(x, y, classes[k]);
            for (double[] row : xk) {
                for (int j = 0; j < p; j++) {
                    means[k][j] += row[j];
                }
            }
            for (int j = 0; j < p; j++) {
                means[k][j] /= xk.length;
            }
            ClassCov cc = classCovariance(xk);
            intensities[k] = cc.shrinkage;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    cov[i][j] += pri[k] * cc.cov[i][j];
                }
            }
        }
        double[][] coefAll = Matrices.transpose(Matrices.solve(cov, Matrices.transpose(means)));
        double[] interceptAll = new double[nClasses];
        for (int k = 0; k < nClasses; k++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += means[k][j] * coefAll[k][j];
            }
            interceptAll[k] = -0.5 * s + Math.log(pri[k]);
        }
        double[][] coef;
        double[] intercept;
        if (nClasses == 2) {
            coef = new double[1][p];
            for (int j = 0; j < p; j++) {
                coef[0][j] = coefAll[1][j] - coefAll[0][j];
            }
            intercept = new double[] {interceptAll[1] - interceptAll[0]};
        } else {
            coef = coefAll;
            intercept = interceptAll;
        }
        return new LdaModel(classes, coef, intercept, means, pri, intensities, cov);
    }

    private double[] resolvePriors(int[] y, int[] classes) {
        double[] pri = new double[classes.length];
        if (priors == null) {
            for (int label : y) {
                pri[Checks.classIndex(classes, label)] += 1.0 / y.length;
            }
            return pri;
        }
        if (priors.length != classes.length) {
            throw new IllegalArgumentException("priors has " + priors.length + " entries but the data has "
                    + classes.length + " classes " + Arrays.toString(classes) + ".");
        }
        double sum = 0;
        for (double v : priors) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("priors must be non-negative, but got " + Arrays.toString(priors) + ".");
            }
            sum += v;
        }
        if (Math.abs(sum - 1.0) > 1e-5) {
            LOG.warn("The priors do not sum to 1. Renormalizing");
        }
        for (int k = 0; k < pri.length; k++) {
            pri[k] = priors[k] / sum;
        }
        return pri;
    }

    private record ClassCov(double[][] cov, double shrinkage) {}

    private ClassCov classCovariance(double[][] xk) {
        int n = xk.length;
        int p = xk[0].length;
        double[] mean = new double[p];
        for (double[] row : xk) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        if (shrinkage instanceof Shrinkage.LedoitWolf) {
            double[] scale = new double[p];
            for (double[] row : xk) {
                for (int j = 0; j < p; j++) {
                    double d = row[j] - mean[j];
                    scale[j] += d * d;
                }
            }
            for (int j = 0; j < p; j++) {
                scale[j] = Math.sqrt(scale[j] / n);
                // StandardScaler keeps constant features unscaled (_handle_zeros_in_scale).
                if (scale[j] < 10 * Math.ulp(1.0) * Math.max(1.0, Math.abs(mean[j]))) {
                    scale[j] = 1.0;
                }
            }
            double[][] z = new double[n][p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    z[i][j] = (xk[i][j] - mean[j]) / scale[j];
                }
            }
            LedoitWolf.Estimate lw = LedoitWolf.estimate(z, false);
            double[][] s = lw.covariance();
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    s[i][j] *= scale[i] * scale[j];
                }
            }
            return new ClassCov(s, lw.shrinkage());
        }
        double[][] emp = new double[p][p];
        for (double[] row : xk) {
            for (int i = 0; i < p; i++) {
                double di = row[i] - mean[i];
                for (int j = 0; j < p; j++) {
                    emp[i][j] += di * (row[j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                emp[i][j] /= n;
            }
        }
        if (shrinkage instanceof Shrinkage.Fixed f) {
            return new ClassCov(LedoitWolf.shrink(emp, f.alpha()), f.alpha());
        }
        return new ClassCov(emp, 0.0);
    }

    static double[][] rowsOfClass(double[][] x, int[] y, int label) {
        return java.util.stream.IntStream.range(0, x.length).filter(i -> y[i] == label).mapToObj(i -> x[i])
                .toArray(double[][]::new);
    }
}
