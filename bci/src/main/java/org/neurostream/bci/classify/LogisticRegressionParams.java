package org.neurostream.bci.classify;

import org.neurostream.bci.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L2-regularized logistic regression as scikit-learn's {@code LogisticRegression(C=c, solver='lbfgs')}: binary
 * (one weight vector, positive for class 1) for two classes, multinomial (softmax, one weight vector per class) for
 * more. The intercept is not penalized.
 *
 * <p>Minimizes C·Σ_i loss_i + ½‖W‖² with L-BFGS to a tight gradient tolerance; the objective is strictly convex in W,
 * so the optimum is the one scikit-learn approaches (to its own {@code tol}). In the multinomial case the intercepts
 * are only defined up to a common constant; they are centred to sum to zero, which is also where scikit-learn's lbfgs,
 * started at zero, stays.
 *
 * @param c inverse regularization strength (> 0), scikit-learn's {@code C}
 * @param maxIter iteration limit of the optimizer
 * @param gradientTolerance stop when every gradient component of the (per-sample averaged) objective is below this
 */
public record LogisticRegressionParams(double c, int maxIter, double gradientTolerance) implements ClassifierSpec {
    private static final Logger LOG = LoggerFactory.getLogger(LogisticRegressionParams.class);

    public LogisticRegressionParams {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("The 'C' parameter of LogisticRegression must be a float in the range "
                    + "(0.0, inf), but got " + c + " instead.");
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("maxIter must be at least 1, but got " + maxIter + ".");
        }
        if (!(gradientTolerance > 0)) {
            throw new IllegalArgumentException("gradientTolerance must be positive, but got " + gradientTolerance + ".");
        }
    }

    /** C = 1, as scikit-learn's default. */
    public static LogisticRegressionParams defaults() {
        return withC(1.0);
    }

    public static LogisticRegressionParams withC(double c) {
        return new LogisticRegressionParams(c, 1000, 1e-8);
    }

    @Override
    public String name() {
        return "lr";
    }

    @Override
    public LogisticRegressionModel fit(double[][] x, int[] y) {
        int p = Checks.checkFeatures("X", x);
        int[] classes = Checks.checkLabels(x.length, y, 2);
        int n = x.length;
        int[] yi = new int[n];
        for (int i = 0; i < n; i++) {
            yi[i] = Checks.classIndex(classes, y[i]);
        }
        // Objective divided by C·n (same minimizer, better scaled): mean loss + ‖W‖² / (2·C·n).
        double l2 = 1.0 / (c * n);
        int nOut = classes.length == 2 ? 1 : classes.length;
        int stride = p + 1;
        Lbfgs.Objective objective = nOut == 1 ? binary(x, yi, p, l2) : multinomial(x, yi, p, nOut, l2);
        Lbfgs.Result r = Lbfgs.minimize(objective, new double[nOut * stride], gradientTolerance, maxIter, 20);
        if (!r.converged()) {
            LOG.warn("lbfgs failed to converge after {} iterations; increase maxIter or scale the features.", maxIter);
        }
        double[][] coef = new double[nOut][p];
        double[] intercept = new double[nOut];
        for (int k = 0; k < nOut; k++) {
            System.arraycopy(r.w(), k * stride, coef[k], 0, p);
            intercept[k] = r.w()[k * stride + p];
        }
        if (nOut > 1) {
            double mean = 0;
            for (double b : intercept) {
                mean += b / nOut;
            }
            for (int k = 0; k < nOut; k++) {
                intercept[k] -= mean;
            }
        }
        return new LogisticRegressionModel(classes, coef, intercept);
    }

    private static Lbfgs.Objective binary(double[][] x, int[] yi, int p, double l2) {
        int n = x.length;
        return (w, g) -> {
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double z = w[p];
                double[] xi = x[i];
                for (int j = 0; j < p; j++) {
                    z += w[j] * xi[j];
                }
                double sign = yi[i] == 1 ? 1 : -1;
                double m = sign * z;
                // log(1 + exp(-m)), stable
                loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
                double sig = m > 0 ? Math.exp(-m) / (1 + Math.exp(-m)) : 1 / (1 + Math.exp(m));
                double coefG = -sign * sig / n;
                for (int j = 0; j < p; j++) {
                    g[j] += coefG * xi[j];
                }
                g[p] += coefG;
            }
            loss /= n;
            double pen = 0;
            for (int j = 0; j < p; j++) {
                pen += w[j] * w[j];
                g[j] += l2 * w[j];
            }
            return loss + 0.5 * l2 * pen;
        };
    }

    private static Lbfgs.Objective multinomial(double[][] x, int[] yi, int p, int nClasses, double l2) {
        int n = x.length;
        int stride = p + 1;
        return (w, g) -> {
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            double[] z = new double[nClasses];
            for (int i = 0; i < n; i++) {
                double[] xi = x[i];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < nClasses; k++) {
                    double s = w[k * stride + p];
                    for (int j = 0; j < p; j++) {
                        s += w[k * stride + j] * xi[j];
                    }
                    z[k] = s;
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int k = 0; k < nClasses; k++) {
                    sum += Math.exp(z[k] - max);
                }
                double logSum = max + Math.log(sum);
                loss += logSum - z[yi[i]];
                for (int k = 0; k < nClasses; k++) {
                    double coefG = (Math.exp(z[k] - logSum) - (k == yi[i] ? 1 : 0)) / n;
                    for (int j = 0; j < p; j++) {
                        g[k * stride + j] += coefG * xi[j];
                    }
                    g[k * stride + p] += coefG;
                }
            }
            loss /= n;
            double pen = 0;
            for (int k = 0; k < nClasses; k++) {
                for (int j = 0; j < p; j++) {
                    double v = w[k * stride + j];
                    pen += v * v;
                    g[k * stride + j] += l2 * v;
                }
            }
            return loss + 0.5 * l2 * pen;
        };
    }
}
