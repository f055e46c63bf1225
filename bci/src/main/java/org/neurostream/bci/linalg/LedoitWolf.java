package org.neurostream.bci.linalg;

/**
 * Ledoit-Wolf shrinkage of a covariance towards a scaled identity, with scikit-learn's formula
 * ({@code sklearn.covariance.ledoit_wolf_shrinkage}): shrunk = (1 − α)·S + α·(trace(S)/p)·I.
 *
 * <p>Data are {@code [nSamples][nFeatures]}. Ledoit and Wolf, "A well-conditioned estimator for large-dimensional
 * covariance matrices", J. Multivariate Analysis 88(2), 2004.
 */
public final class LedoitWolf {
    private LedoitWolf() {}

    /** Result: the shrunk covariance and the shrinkage intensity α in [0, 1]. */
    public record Estimate(double[][] covariance, double shrinkage) {}

    /** The shrinkage intensity for {@code x} [nSamples][nFeatures]; centred first unless {@code assumeCentered}. */
    public static double shrinkage(double[][] x, boolean assumeCentered) {
        int n = x.length;
        int p = x[0].length;
        if (p == 1) {
            return 0.0;
        }
        double[][] xc = assumeCentered ? x : center(x);
        double[][] emp = gram(xc, false);
        double[] empTrace = new double[p];
        for (double[] row : xc) {
            for (int j = 0; j < p; j++) {
                empTrace[j] += row[j] * row[j];
            }
        }
        double traceSum = 0;
        for (int j = 0; j < p; j++) {
            empTrace[j] /= n;
            traceSum += empTrace[j];
        }
        double mu = traceSum / p;
        double[][] sq = gram(xc, true);
        double beta_ = 0;
        double delta_ = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                beta_ += sq[i][j];
                delta_ += emp[i][j] * emp[i][j];
            }
        }
        delta_ /= (double) n * n;
        double beta = 1.0 / ((double) p * n) * (beta_ / n - delta_);
        double delta = delta_ - 2.0 * mu * traceSum + p * mu * mu;
        delta /= p;
        beta = Math.min(beta, delta);
        return beta == 0 ? 0 : beta / delta;
    }

    /** As {@code sklearn.covariance.ledoit_wolf(x, assume_centered)}: the shrunk maximum-likelihood covariance. */
    public static Estimate estimate(double[][] x, boolean assumeCentered) {
        double[][] xc = assumeCentered ? x : center(x);
        int n = x.length;
        double[][] emp = gram(xc, false);
        int p = emp.length;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                emp[i][j] /= n;
            }
        }
        double alpha = shrinkage(xc, true);
        return new Estimate(shrink(emp, alpha), alpha);
    }

    /** (1 − α)·s + α·(trace(s)/p)·I, as {@code sklearn.covariance.shrunk_covariance}. */
    public static double[][] shrink(double[][] s, double alpha) {
        int p = s.length;
        double mu = Matrices.trace(s) / p;
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                out[i][j] = (1 - alpha) * s[i][j];
            }
            out[i][i] += alpha * mu;
        }
        return out;
    }

    static double[][] center(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[][] out = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                out[i][j] = x[i][j] - mean[j];
            }
        }
        return out;
    }

    /** x^T·x, or (x∘x)^T·(x∘x) when {@code squared}. */
    private static double[][] gram(double[][] x, boolean squared) {
        int p = x[0].length;
        double[][] g = new double[p][p];
        double[] r = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                r[j] = squared ? row[j] * row[j] : row[j];
            }
            for (int i = 0; i < p; i++) {
                double ri = r[i];
                double[] gi = g[i];
                for (int j = i; j < p; j++) {
                    gi[j] += ri * r[j];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                g[i][j] = g[j][i];
            }
        }
        return g;
    }
}
