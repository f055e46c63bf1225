package org.neurostream.bci.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigen-decomposition of a real symmetric matrix, eigenvalues in ascending order as LAPACK's {@code syevd} (and so
 * {@code numpy.linalg.eigh} / {@code scipy.linalg.eigh}) returns them.
 *
 * @param values eigenvalues, ascending, length n
 * @param vectors eigenvectors as columns: {@code vectors[i][k]} is component i of the eigenvector for {@code values[k]};
 *     unit norm; the sign of each column is arbitrary
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    /** Decomposes the symmetric matrix {@code a} (only its symmetric part is used). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m.set(i, j, 0.5 * (a[i][j] + a[j][i]));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m)) {
            throw new ArithmeticException("Symmetric eigen-decomposition of a " + n + "x" + n + " matrix did not converge.");
        }
        Integer[] order = new Integer[n];
        double[] raw = new double[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
            raw[k] = eig.getEigenvalue(k).getReal();
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> raw[k]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            int src = order[k];
            values[k] = raw[src];
            DMatrixRMaj v = eig.getEigenVector(src);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += v.get(i) * v.get(i);
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                vectors[i][k] = v.get(i) / norm;
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Returns V diag(f(values)) V^T: a matrix function of a symmetric matrix (sqrtm, logm, expm, ...). */
    public double[][] apply(DoubleUnaryOperator f) {
        int n = values.length;
        double[] fv = new double[n];
        for (int k = 0; k < n; k++) {
            fv[k] = f.applyAsDouble(values[k]);
        }
        double[][] out = new double[n][n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            double[] vi = vectors[i];
            for (int k = 0; k < n; k++) {
                row[k] = vi[k] * fv[k];
            }
            for (int j = i; j < n; j++) {
                double[] vj = vectors[j];
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += row[k] * vj[k];
                }
                out[i][j] = s;
                out[j][i] = s;
            }
        }
        return out;
    }
}
