package org.neurostream.bci.riemann;

import java.util.List;
import org.neurostream.bci.Checks;
import org.neurostream.bci.linalg.LedoitWolf;

/**
 * Spatial covariance of an epoch [nChannels][nTimes], as pyRiemann's {@code Covariances(estimator=...)}:
 * {@code "scm"} the sample covariance (centred, divided by nTimes) and {@code "lwf"} scikit-learn's Ledoit-Wolf
 * estimate on the centred samples.
 */
public final class Covariances {
    /** Estimator names accepted by {@link #of}. */
    public static final List<String> ESTIMATORS = List.of("scm", "lwf");

    private Covariances() {}

    /** The covariances of every epoch [nEpochs][nChannels][nTimes] → [nEpochs][nChannels][nChannels]. */
    public static double[][][] of(double[][][] epochs, String estimator) {
        Checks.checkOption("estimator", estimator, ESTIMATORS);
        double[][][] out = new double[epochs.length][][];
        for (int e = 0; e < epochs.length; e++) {
            out[e] = of(epochs[e], estimator);
        }
        return out;
    }

    /** The covariance of one epoch [nChannels][nTimes]. */
    public static double[][] of(double[][] epoch, String estimator) {
        Checks.checkOption("estimator", estimator, ESTIMATORS);
        return estimator.equals("scm") ? scm(epoch) : lwf(epoch);
    }

    /** Sample covariance: centred, divided by nTimes. */
    public static double[][] scm(double[][] epoch) {
        int c = epoch.length;
        int n = epoch[0].length;
        double[][] centred = centred(epoch);
        double[][] cov = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = i; j < c; j++) {
                double s = 0;
                double[] a = centred[i];
                double[] b = centred[j];
                for (int t = 0; t < n; t++) {
                    s += a[t] * b[t];
                }
                cov[i][j] = s / n;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    /** Ledoit-Wolf shrunk covariance ({@code sklearn.covariance.ledoit_wolf(epoch.T)}). */
    public static double[][] lwf(double[][] epoch) {
        double[][] cov = scm(epoch);
        int c = epoch.length;
        int n = epoch[0].length;
        double[][] centred = centred(epoch);
        double[][] samples = new double[n][c];
        for (int i = 0; i < c; i++) {
            for (int t = 0; t < n; t++) {
                samples[t][i] = centred[i][t];
            }
        }
        return LedoitWolf.shrink(cov, LedoitWolf.shrinkage(samples, true));
    }

    private static double[][] centred(double[][] epoch) {
        double[][] out = new double[epoch.length][];
        for (int i = 0; i < epoch.length; i++) {
            double[] row = epoch[i];
            double m = 0;
            for (double v : row) {
                m += v;
            }
            m /= row.length;
            out[i] = new double[row.length];
            for (int t = 0; t < row.length; t++) {
                out[i][t] = row[t] - m;
            }
        }
        return out;
    }
}
