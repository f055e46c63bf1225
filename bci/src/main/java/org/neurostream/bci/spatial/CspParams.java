package org.neurostream.bci.spatial;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.neurostream.bci.Checks;
import org.neurostream.bci.linalg.Matrices;
import org.neurostream.bci.linalg.SymmetricEigen;

/**
 * Common spatial patterns as MNE-Python's {@code mne.decoding.CSP} (1.13) with {@code transform_into='average_power'}.
 *
 * <p>Per class a covariance C_k: with {@code covEstimation="concat"} of the class's epochs concatenated in time, with
 * {@code "epoch"} the mean of per-epoch covariances; either way uncentred, X·Xᵀ/(n − 1), then regularized (see
 * {@link CovRegularization}) and, with {@code normTrace}, divided by its trace. The filters are the generalized
 * eigenvectors of (C_0, C_0 + C_1) as {@code scipy.linalg.eigh} (vᵀ(C_0 + C_1)v = 1), restricted first to the principal
 * subspace of the mean covariance when that is rank-deficient (MNE's {@code restr_type='restricting'}). They are
 * ordered by |λ − 0.5| descending ({@code componentOrder="mutual_info"}, MNE's default for two classes) or alternately
 * largest/smallest λ ({@code "alternate"}). With more than two classes the class covariances are jointly diagonalized
 * (Pham's algorithm) and the filters ordered by mutual information, see {@link MultiClassCsp}; there are no
 * eigenvalues then ({@link CspModel#evals()} is empty). Features are the mean power of the first {@code nComponents} filtered
 * signals, log-transformed when {@code log}, otherwise standardized with the training mean and standard deviation.
 *
 * @param nComponents number of filters whose output becomes a feature (MNE's {@code n_components}, default 4)
 * @param reg covariance regularization (MNE's {@code reg})
 * @param covEstimation "concat" or "epoch" (MNE's {@code cov_est})
 * @param normTrace divide each class covariance by its trace (MNE's {@code norm_trace})
 * @param componentOrder "mutual_info" or "alternate" (MNE's {@code component_order})
 * @param log log of the average power (MNE's {@code log=None} means true for average power)
 */
public record CspParams(int nComponents, CovRegularization reg, String covEstimation, boolean normTrace,
        String componentOrder, boolean log) {

    /** MNE's defaults with {@code n_components}: no regularization, concat, no trace normalization, mutual_info, log. */
    public static CspParams defaults(int nComponents) {
        return new CspParams(nComponents, new CovRegularization.None(), "concat", false, "mutual_info", true);
    }

    public CspParams {
        if (reg == null) {
            reg = new CovRegularization.None();
        }
    }

    private void validate(int nChannels, int[] classes) {
        Checks.checkOption("cov_est", covEstimation, List.of("concat", "epoch"));
        Checks.checkOption("component_order", componentOrder, List.of("mutual_info", "alternate"));
        if (nComponents < 1 || nComponents > nChannels) {
            throw new IllegalArgumentException("Invalid value for the 'n_components' parameter: it must be between 1 and"
                    + " the number of channels (" + nChannels + "), but got " + nComponents + " instead.");
        }
        if (classes.length > 2 && componentOrder.equals("alternate")) {
            throw new IllegalArgumentException("component_order='alternate' requires two classes, but data contains "
                    + classes.length + " classes; use component_order='mutual_info' instead.");
        }
    }

    /**
     * Fits on epochs {@code x} [nEpochs][nChannels][nTimes] with class codes {@code y}.
     *
     * @throws IllegalArgumentException for invalid options, ragged or non-finite epochs, or not exactly two classes
     */
    public CspModel fit(double[][][] x, int[] y) {
        Checks.checkEpochs("X", x);
        int[] classes = Checks.checkLabels(x.length, y, 2);
        int nCh = x[0].length;
        validate(nCh, classes);
        int rank = rank(scatter(x), x.length * x[0][0].length);
        int nClasses = classes.length;
        double[][][] covs = new double[nClasses][][];
        double[] weights = new double[nClasses];
        for (int k = 0; k < nClasses; k++) {
            final int label = classes[k];
            double[][][] xk = java.util.stream.IntStream.range(0, x.length).filter(i -> y[i] == label)
                    .mapToObj(i -> x[i]).toArray(double[][][]::new);
            covs[k] = classCovariance(xk, rank);
            // MNE's sample weights: the channel count for 'concat' (equal), the epoch count for 'epoch'
            weights[k] = covEstimation.equals("concat") ? nCh : xk.length;
            if (normTrace) {
                double tr = Matrices.trace(covs[k]);
                for (double[] row : covs[k]) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] /= tr;
                    }
                }
            }
        }
        double[][] reference = new double[nCh][nCh];
        for (int k = 0; k < nClasses; k++) {
            for (int i = 0; i < nCh; i++) {
                for (int j = 0; j < nCh; j++) {
                    reference[i][j] += covs[k][i][j] / nClasses;
                }
            }
        }
        double[][] restr = rank < nCh ? principalRows(reference, rank) : null;
        double[] evals;
        double[][] sortedVecs;
        if (nClasses == 2) {
            double[][] sum = new double[nCh][nCh];
            for (int i = 0; i < nCh; i++) {
                for (int j = 0; j < nCh; j++) {
                    sum[i][j] = covs[0][i][j] + covs[1][i][j];
                }
            }
            SymmetricEigen ged;
            double[][] evecs;
            if (restr == null) {
                ged = Matrices.generalizedEigen(covs[0], sum);
                evecs = ged.vectors();
            } else {
                ged = Matrices.generalizedEigen(Matrices.congruence(restr, covs[0]), Matrices.congruence(restr, sum));
                evecs = Matrices.multiply(Matrices.transpose(restr), ged.vectors());
            }
            int[] order = order(ged.values());
            evals = new double[order.length];
            sortedVecs = new double[nCh][order.length];
            for (int k = 0; k < order.length; k++) {
                evals[k] = ged.values()[order[k]];
                for (int i = 0; i < nCh; i++) {
                    sortedVecs[i][k] = evecs[i][order[k]];
                }
            }
        } else {
            double[][][] reduced = new double[nClasses][][];
            for (int k = 0; k < nClasses; k++) {
                reduced[k] = restr == null ? covs[k] : Matrices.congruence(restr, covs[k]);
            }
            double[][] evecs = MultiClassCsp.jointDiagonalizer(reduced, weights);
            if (restr != null) {
                evecs = Matrices.multiply(Matrices.transpose(restr), evecs);
            }
            int[] order = MultiClassCsp.mutualInformationOrder(covs, weights, evecs);
            evals = new double[0];
            sortedVecs = new double[nCh][order.length];
            for (int k = 0; k < order.length; k++) {
                for (int i = 0; i < nCh; i++) {
                    sortedVecs[i][k] = evecs[i][order[k]];
                }
            }
        }
        int nFilters = sortedVecs[0].length;
        double[][] filters = Matrices.transpose(sortedVecs);
        double[][] patterns = Matrices.pinv(sortedVecs);
        if (nComponents > nFilters) {
            throw new IllegalArgumentException("n_components (" + nComponents + ") exceeds the rank of the data ("
                    + nFilters + ").");
        }
        // mean_ and std_ of the training power, as MNE keeps them
        double[][] power = CspModel.power(filters, nComponents, x);
        double[] powerMean = new double[nComponents];
        double[] std = new double[nComponents];
        for (double[] p : power) {
            for (int j = 0; j < nComponents; j++) {
                powerMean[j] += p[j] / power.length;
            }
        }
        for (double[] p : power) {
            for (int j = 0; j < nComponents; j++) {
                std[j] += (p[j] - powerMean[j]) * (p[j] - powerMean[j]) / power.length;
            }
        }
        for (int j = 0; j < nComponents; j++) {
            std[j] = Math.sqrt(std[j]);
        }
        return new CspModel(classes, filters, patterns, evals, powerMean, std, nComponents, log);
    }

    private double[][] classCovariance(double[][][] xk, int rank) {
        int nCh = xk[0].length;
        int nT = xk[0][0].length;
        if (covEstimation.equals("concat")) {
            double[][] concat = new double[nCh][nT * xk.length];
            for (int e = 0; e < xk.length; e++) {
                for (int c = 0; c < nCh; c++) {
                    System.arraycopy(xk[e][c], 0, concat[c], e * nT, nT);
                }
            }
            return regularizedCovariance(concat, rank);
        }
        double[][] mean = new double[nCh][nCh];
        for (double[][] epoch : xk) {
            double[][] c = regularizedCovariance(epoch, rank);
            for (int i = 0; i < nCh; i++) {
                for (int j = 0; j < nCh; j++) {
                    mean[i][j] += c[i][j] / xk.length;
                }
            }
        }
        return mean;
    }

    /**
     * MNE's {@code _regularized_covariance}: with rank-deficient data the covariance (and its regularization) is
     * estimated in the data's own rank-dimensional principal subspace and mapped back.
     */
    private double[][] regularizedCovariance(double[][] data, int rank) {
        int nCh = data.length;
        if (rank >= nCh) {
            return reg.covariance(data);
        }
        double[][] basis = principalRows(scatter(new double[][][] {data}), rank);
        double[][] reduced = Matrices.multiply(basis, data);
        return Matrices.congruence(Matrices.transpose(basis), reg.covariance(reduced));
    }

    /** Uncentred scatter Σ X·Xᵀ over epochs. */
    private static double[][] scatter(double[][][] x) {
        int nCh = x[0].length;
        double[][] s = new double[nCh][nCh];
        for (double[][] epoch : x) {
            for (int i = 0; i < nCh; i++) {
                for (int j = i; j < nCh; j++) {
                    double acc = 0;
                    double[] a = epoch[i];
                    double[] b = epoch[j];
                    for (int t = 0; t < a.length; t++) {
                        acc += a[t] * b[t];
                    }
                    s[i][j] += acc;
                }
            }
        }
        for (int i = 0; i < nCh; i++) {
            for (int j = 0; j < i; j++) {
                s[i][j] = s[j][i];
            }
        }
        return s;
    }

    /**
     * Rank of the data from its scatter matrix: eigenvalues at or below λ_max·max(nChannels, nSamples)·eps count as
     * zero (numpy's matrix_rank rule, with the data length as the size since the scatter carries rounding of every
     * sample).
     */
    private static int rank(double[][] scatter, int nSamples) {
        double[] values = SymmetricEigen.of(scatter).values();
        int n = values.length;
        double tol = values[n - 1] * Math.max(n, nSamples) * Math.ulp(1.0);
        int rank = 0;
        for (double v : values) {
            if (v > tol) {
                rank++;
            }
        }
        return rank;
    }

    /** The leading {@code rank} eigenvectors of a symmetric matrix, as rows. */
    private static double[][] principalRows(double[][] sym, int rank) {
        SymmetricEigen eig = SymmetricEigen.of(sym);
        int n = sym.length;
        double[][] r = new double[rank][n];
        for (int k = 0; k < rank; k++) {
            int col = n - 1 - k;
            for (int i = 0; i < n; i++) {
                r[k][i] = eig.vectors()[i][col];
            }
        }
        return r;
    }

    private int[] order(double[] evals) {
        int n = evals.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (componentOrder.equals("mutual_info")) {
            // numpy: argsort(|λ − 0.5|)[::-1]
            Arrays.sort(idx, Comparator.comparingDouble(i -> Math.abs(evals[i] - 0.5)));
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = idx[n - 1 - i];
            }
            return out;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> evals[i]));
        int[] out = new int[n];
        int half = n / 2;
        for (int m = 0; m * 2 + 1 < n && m < half; m++) {
            out[2 * m + 1] = idx[m];
        }
        for (int m = 0; 2 * m < n; m++) {
            out[2 * m] = idx[n - 1 - m];
        }
        return out;
    }
}
