package org.neurostream.bci.spatial;

import org.neurostream.bci.linalg.LedoitWolf;

/**
 * Regularization of the class covariances in CSP, as MNE's {@code reg} parameter: none (empirical), a fixed shrinkage
 * intensity in [0, 1], or Ledoit-Wolf.
 */
public sealed interface CovRegularization {
    /** MNE's {@code reg=None}. */
    record None() implements CovRegularization {}

    /** MNE's {@code reg=<float>}: (1 − α)·C + α·(trace(C)/n)·I. */
    record Shrinkage(double alpha) implements CovRegularization {
        public Shrinkage {
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("Invalid value for the 'reg' parameter: a shrinkage intensity must be"
                        + " in [0, 1], but got " + alpha + " instead.");
            }
        }
    }

    /** MNE's {@code reg='ledoit_wolf'}: scikit-learn's Ledoit-Wolf intensity on the (uncentred) samples. */
    record LedoitWolfShrinkage() implements CovRegularization {}

    /** Parses "none", "ledoit_wolf" or a number in [0, 1]. */
    static CovRegularization parse(String text) {
        if (text == null || text.equalsIgnoreCase("none")) {
            return new None();
        }
        if (text.equals("ledoit_wolf")) {
            return new LedoitWolfShrinkage();
        }
        try {
            return new Shrinkage(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value for the 'reg' parameter. Allowed values are None, "
                    + "'ledoit_wolf' or a float in [0, 1], but got '" + text + "' instead.", e);
        }
    }

    /** The text {@link #parse} reads back. */
    default String text() {
        if (this instanceof Shrinkage s) {
            return Double.toString(s.alpha());
        }
        return this instanceof LedoitWolfShrinkage ? "ledoit_wolf" : "none";
    }

    /**
     * The regularized covariance of {@code data} [nChannels][nSamples] as MNE's {@code _regularized_covariance}: data are
     * not centred and the empirical covariance is X·Xᵀ/(nSamples − 1).
     */
    default double[][] covariance(double[][] data) {
        int c = data.length;
        int n = data[0].length;
        double[][] cov = new double[c][c];
        for (int i = 0; i < c; i++) {
            double[] xi = data[i];
            for (int j = i; j < c; j++) {
                double[] xj = data[j];
                double s = 0;
                for (int t = 0; t < n; t++) {
                    s += xi[t] * xj[t];
                }
                cov[i][j] = s / (n - 1);
                cov[j][i] = cov[i][j];
            }
        }
        if (this instanceof Shrinkage s) {
            return LedoitWolf.shrink(cov, s.alpha());
        }
        if (this instanceof LedoitWolfShrinkage) {
            double[][] samples = new double[n][c];
            for (int i = 0; i < c; i++) {
                for (int t = 0; t < n; t++) {
                    samples[t][i] = data[i][t];
                }
            }
            return LedoitWolf.shrink(cov, LedoitWolf.shrinkage(samples, true));
        }
        return cov;
    }
}
