package org.neurostream.bci.riemann;

import org.neurostream.bci.linalg.Matrices;
import org.neurostream.bci.linalg.SymmetricEigen;

/**
 * Tangent-space projection at a reference point, as pyRiemann's {@code TangentSpace(metric='riemann')}: a covariance C
 * maps to the upper triangle (row by row, {@code numpy.triu_indices} order) of logm(Cref^-½·C·Cref^-½), off-diagonal
 * terms weighted by √2 so that the Euclidean norm of the vector equals the Riemannian distance to Cref.
 *
 * @param reference the reference point [nChannels][nChannels] (pyRiemann's {@code reference_})
 * @param referenceInvSqrt Cref^-½, cached
 */
public record TangentSpaceModel(double[][] reference, double[][] referenceInvSqrt) {

    /** Projection at {@code reference}. */
    public static TangentSpaceModel at(double[][] reference) {
        return new TangentSpaceModel(reference, SymmetricEigen.of(reference).apply(v -> 1 / Math.sqrt(v)));
    }

    /** Fitted as pyRiemann does: the reference is the Riemannian mean of the training covariances. */
    public static TangentSpaceModel fit(double[][][] covs) {
        return at(RiemannianMean.of(covs));
    }

    public int nChannels() {
        return reference.length;
    }

    /** Length of a tangent vector: n(n+1)/2. */
    public int nFeatures() {
        int n = nChannels();
        return n * (n + 1) / 2;
    }

    /** Tangent vectors of covariances [nEpochs][n][n] → [nEpochs][n(n+1)/2]. */
    public double[][] transform(double[][][] covs) {
        double[][] out = new double[covs.length][];
        for (int i = 0; i < covs.length; i++) {
            out[i] = transform(covs[i]);
        }
        return out;
    }

    /** Tangent vector of one covariance. */
    public double[] transform(double[][] cov) {
        int n = nChannels();
        if (cov.length != n) {
            throw new IllegalArgumentException("The tangent space was fitted on " + n + "x" + n
                    + " covariances but got " + cov.length + "x" + cov.length + ".");
        }
        double[][] log = SymmetricEigen.of(Matrices.congruence(referenceInvSqrt, cov)).apply(Math::log);
        double[] out = new double[nFeatures()];
        double sqrt2 = Math.sqrt(2);
        int k = 0;
        for (int i = 0; i < n; i++) {
            out[k++] = log[i][i];
            for (int j = i + 1; j < n; j++) {
                out[k++] = sqrt2 * log[i][j];
            }
        }
        return out;
    }
}
