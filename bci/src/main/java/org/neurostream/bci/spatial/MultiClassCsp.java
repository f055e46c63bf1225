package org.neurostream.bci.spatial;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The multi-class part of MNE's CSP: approximate joint diagonalization of the class covariances with Pham's algorithm
 * (MNE's {@code _ajd_pham}, eps 1e-6, 15 sweeps), filters normalized to unit variance under the weighted mean
 * covariance, and ordering by the mutual-information approximation of Grosse-Wentrup and Buss (IEEE TBME 55(8), 2008).
 *
 * <p>Pham, "Joint approximate diagonalization of positive definite Hermitian matrices", SIAM J. Matrix Anal. Appl.
 * 22(4), 2001.
 */
final class MultiClassCsp {
    private MultiClassCsp() {}

    /** Eigenvector-like columns [n][n] that jointly diagonalize {@code covs}, normalized as MNE does. */
    static double[][] jointDiagonalizer(double[][][] covs, double[] weights) {
        int k = covs.length;
        int n = covs[0].length;
        double[][][] a = new double[k][][];
        for (int m = 0; m < k; m++) {
            a[m] = org.neurostream.bci.linalg.Matrices.copy(covs[m]);
        }
        double[][] v = org.neurostream.bci.linalg.Matrices.identity(n);
        double epsilon = n * (n - 1) * 1e-6;
        for (int it = 0; it < 15; it++) {
            double decr = 0;
            for (int ii = 1; ii < n; ii++) {
                for (int jj = 0; jj < ii; jj++) {
                    double g12 = 0;
                    double g21 = 0;
                    double omega21 = 0;
                    double omega12 = 0;
                    for (int m = 0; m < k; m++) {
                        double c1 = a[m][ii][ii];
                        double c2 = a[m][jj][jj];
                        double off = a[m][ii][jj];
                        g12 += off / c1 / k;
                        g21 += off / c2 / k;
                        omega21 += c1 / c2 / k;
                        omega12 += c2 / c1 / k;
                    }
                    double omega = Math.sqrt(omega12 * omega21);
                    double tmp = Math.sqrt(omega21 / omega12);
                    double tmp1 = (tmp * g12 + g21) / (omega + 1);
                    double tmp2 = (tmp * g12 - g21) / Math.max(omega - 1, 1e-9);
                    double h12 = tmp1 + tmp2;
                    double h21 = (tmp1 - tmp2) / tmp;
                    decr += k * (g12 * h12 + g21 * h21) / 2.0;
                    // real data: 1 + Re(sqrt(1 − h12·h21))
                    double t = 1 + Math.sqrt(Math.max(0, 1 - h12 * h21));
                    double t01 = -h12 / t;
                    double t10 = -h21 / t;
                    for (int m = 0; m < k; m++) {
                        double[][] am = a[m];
                        // rows: A[[ii, jj], :] = tau · A[[ii, jj], :]
                        for (int c = 0; c < n; c++) {
                            double ri = am[ii][c];
                            double rj = am[jj][c];
                            am[ii][c] = ri + t01 * rj;
                            am[jj][c] = t10 * ri + rj;
                        }
                        // columns: A[:, [ii, jj]] = A[:, [ii, jj]] · tauᵀ
                        for (int r = 0; r < n; r++) {
                            double ci = am[r][ii];
                            double cj = am[r][jj];
                            am[r][ii] = ci + t01 * cj;
                            am[r][jj] = t10 * ci + cj;
                        }
                    }
                    for (int c = 0; c < n; c++) {
                        double ri = v[ii][c];
                        double rj = v[jj][c];
                        v[ii][c] = ri + t01 * rj;
                        v[jj][c] = t10 * ri + rj;
                    }
                }
            }
            if (decr < epsilon) {
                break;
            }
        }
        // columns = filters (V's rows), each scaled to unit variance under the weighted mean covariance
        double wSum = Arrays.stream(weights).sum();
        double[][] mean = new double[n][n];
        for (int m = 0; m < k; m++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    mean[i][j] += weights[m] / wSum * covs[m][i][j];
                }
            }
        }
        double[][] evecs = org.neurostream.bci.linalg.Matrices.transpose(v);
        for (int col = 0; col < n; col++) {
            double q = quadratic(mean, evecs, col);
            for (int i = 0; i < n; i++) {
                evecs[i][col] /= Math.sqrt(q);
            }
        }
        return evecs;
    }

    /** Column order by decreasing mutual information (numpy's argsort(mi)[::-1]). */
    static int[] mutualInformationOrder(double[][][] covs, double[] weights, double[][] evecs) {
        double wSum = Arrays.stream(weights).sum();
        int nCols = evecs[0].length;
        double[] mi = new double[nCols];
        for (int col = 0; col < nCols; col++) {
            double aa = 0;
            double bb = 0;
            for (int m = 0; m < covs.length; m++) {
                double p = weights[m] / wSum;
                double q = quadratic(covs[m], evecs, col);
                aa += p * Math.log(Math.sqrt(q));
                bb += p * (q * q - 1);
            }
            mi[col] = -(aa + (3.0 / 16) * bb * bb);
        }
        Integer[] idx = new Integer[nCols];
        for (int i = 0; i < nCols; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> mi[i]));
        int[] out = new int[nCols];
        for (int i = 0; i < nCols; i++) {
            out[i] = idx[nCols - 1 - i];
        }
        return out;
    }

    private static double quadratic(double[][] c, double[][] evecs, int col) {
        int n = c.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += c[i][j] * evecs[j][col];
            }
            s += evecs[i][col] * row;
        }
        return s;
    }
}
