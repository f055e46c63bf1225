package org.neurostream.bci.riemann;

import org.neurostream.bci.linalg.Matrices;
import org.neurostream.bci.linalg.SymmetricEigen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Affine-invariant Riemannian (Karcher) mean of SPD matrices, as pyRiemann's {@code mean_riemann}: gradient descent
 * M ← M^½·expm(ν·Σ w_i·logm(M^-½·C_i·M^-½))·M^½ from the Euclidean mean, with pyRiemann's step-size rule (ν shrinks by
 * 0.95 while the step ν·‖J‖_F keeps decreasing, else halves) and stop when ‖J‖_F ≤ tol or ν ≤ tol.
 *
 * <p>Congedo, Afsari, Barachant, Moakher, "Approximate joint diagonalization and geometric mean of symmetric positive
 * definite matrices", PLOS ONE 10(4), 2015.
 */
public final class RiemannianMean {
    private static final Logger LOG = LoggerFactory.getLogger(RiemannianMean.class);

    /** pyRiemann's defaults. */
    public static final double DEFAULT_TOL = 10e-9;
    public static final int DEFAULT_MAX_ITER = 50;

    private RiemannianMean() {}

    /** With pyRiemann's defaults: tol 1e-8, 50 iterations, equal weights, Euclidean-mean start. */
    public static double[][] of(double[][][] covs) {
        return of(covs, null, DEFAULT_TOL, DEFAULT_MAX_ITER, null);
    }

    /**
     * @param weights per-matrix weights (normalized to sum 1), or null for equal weights
     * @param init start point, or null for the weighted Euclidean mean
     */
    public static double[][] of(double[][][] covs, double[] weights, double tol, int maxIter, double[][] init) {
        int m = covs.length;
        if (m == 0) {
            throw new IllegalArgumentException("The Riemannian mean needs at least one matrix.");
        }
        int n = covs[0].length;
        double[] w = new double[m];
        double wSum = 0;
        for (int i = 0; i < m; i++) {
            w[i] = weights == null ? 1.0 : weights[i];
            if (!(w[i] > 0)) {
                throw new IllegalArgumentException("Weights must be strictly positive, but weight " + i + " is " + w[i] + ".");
            }
            wSum += w[i];
        }
        for (int i = 0; i < m; i++) {
            w[i] /= wSum;
        }
        double[][] mean;
        if (init != null) {
            mean = Matrices.copy(init);
        } else {
            mean = new double[n][n];
            for (int i = 0; i < m; i++) {
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        mean[r][c] += w[i] * covs[i][r][c];
                    }
                }
            }
        }
        double nu = 1.0;
        double tau = Double.MAX_VALUE;
        boolean converged = false;
        for (int it = 0; it < maxIter; it++) {
            SymmetricEigen eig = SymmetricEigen.of(mean);
            double[][] sqrt = eig.apply(Math::sqrt);
            double[][] invSqrt = eig.apply(v -> 1 / Math.sqrt(v));
            double[][] j = new double[n][n];
            for (int i = 0; i < m; i++) {
                double[][] log = SymmetricEigen.of(Matrices.congruence(invSqrt, covs[i])).apply(Math::log);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        j[r][c] += w[i] * log[r][c];
                    }
                }
            }
            final double step = nu;
            double[][] exp = SymmetricEigen.of(j).apply(v -> Math.exp(step * v));
            mean = Matrices.congruence(sqrt, exp);
            double crit = Matrices.frobenius(j);
            double h = nu * crit;
            if (h < tau) {
                nu = 0.95 * nu;
                tau = h;
            } else {
                nu = 0.5 * nu;
            }
            if (crit <= tol || nu <= tol) {
                converged = true;
                break;
            }
        }
        if (!converged) {
            LOG.warn("Riemannian mean: convergence not reached after {} iterations.", maxIter);
        }
        return mean;
    }
}
