package org.neurostream.bci.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/** Small dense-matrix helpers on {@code double[rows][cols]} arrays (row-major), backed by EJML where it pays. */
public final class Matrices {
    private Matrices() {}

    public static DMatrixRMaj toEjml(double[][] a) {
        return new DMatrixRMaj(a);
    }

    public static double[][] fromEjml(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, out[i], 0, m.numCols);
        }
        return out;
    }

    /** a · b. */
    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] oi = out[i];
            double[] ai = a[i];
            for (int p = 0; p < k; p++) {
                double aip = ai[p];
                if (aip == 0) {
                    continue;
                }
                double[] bp = b[p];
                for (int j = 0; j < m; j++) {
                    oi[j] += aip * bp[j];
                }
            }
        }
        return out;
    }

    /** a^T. */
    public static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    /** a · b · a^T for symmetric b (result symmetrized). */
    public static double[][] congruence(double[][] a, double[][] b) {
        double[][] ab = multiply(a, b);
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                double[] abi = ab[i];
                double[] aj = a[j];
                for (int k = 0; k < aj.length; k++) {
                    s += abi[k] * aj[k];
                }
                out[i][j] = s;
                out[j][i] = s;
            }
        }
        return out;
    }

    /** Solves a · x = b for square non-singular a (LU with partial pivoting); b is [n][m]. */
    public static double[][] solve(double[][] a, double[][] b) {
        DMatrixRMaj am = toEjml(a);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.linear(a.length);
        if (!solver.setA(am)) {
            throw new ArithmeticException("Matrix is singular; cannot solve the " + a.length + "x" + a.length + " system.");
        }
        DMatrixRMaj x = new DMatrixRMaj(a.length, b[0].length);
        solver.solve(toEjml(b), x);
        return fromEjml(x);
    }

    /** Moore-Penrose pseudo-inverse (SVD based). */
    public static double[][] pinv(double[][] a) {
        DMatrixRMaj out = new DMatrixRMaj(a[0].length, a.length);
        CommonOps_DDRM.pinv(toEjml(a), out);
        return fromEjml(out);
    }

    public static double[][] identity(int n) {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            out[i][i] = 1;
        }
        return out;
    }

    public static double trace(double[][] a) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i][i];
        }
        return t;
    }

    public static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** Frobenius norm. */
    public static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * Generalized symmetric-definite eigenproblem a·v = λ·b·v as {@code scipy.linalg.eigh(a, b)}: eigenvalues ascending,
     * eigenvectors (columns) normalized so that v^T·b·v = 1. Uses the Cholesky reduction b = L·L^T.
     */
    public static SymmetricEigen generalizedEigen(double[][] a, double[][] b) {
        int n = a.length;
        double[][] l = cholesky(b);
        // c = L^-1 a L^-T
        double[][] y = forwardSubstitute(l, a);               // L^-1 a
        double[][] c = forwardSubstitute(l, transpose(y));    // L^-1 (L^-1 a)^T = L^-1 a^T L^-T
        SymmetricEigen eig = SymmetricEigen.of(c);
        // v = L^-T u
        double[][] v = backSubstituteTransposed(l, eig.vectors());
        return new SymmetricEigen(eig.values(), v);
    }

    /** Lower Cholesky factor of a symmetric positive definite matrix. */
    public static double[][] cholesky(double[][] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = b[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                throw new ArithmeticException("Matrix is not positive definite (leading minor " + (j + 1) + " of " + n
                        + " is not positive); the covariance may be rank-deficient: regularize it.");
            }
            double ljj = Math.sqrt(d);
            l[j][j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = b[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / ljj;
            }
        }
        return l;
    }

    /** Solves L·x = b for lower-triangular L. */
    static double[][] forwardSubstitute(double[][] l, double[][] b) {
        int n = l.length;
        int m = b[0].length;
        double[][] x = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = b[i][j];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * x[k][j];
                }
                x[i][j] = s / l[i][i];
            }
        }
        return x;
    }

    /** Solves L^T·x = b for lower-triangular L. */
    static double[][] backSubstituteTransposed(double[][] l, double[][] b) {
        int n = l.length;
        int m = b[0].length;
        double[][] x = new double[n][m];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = 0; j < m; j++) {
                double s = b[i][j];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k][i] * x[k][j];
                }
                x[i][j] = s / l[i][i];
            }
        }
        return x;
    }
}
