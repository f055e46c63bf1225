package org.neurostream.bci.spatial;

/**
 * A fitted CSP (MNE attribute names in brackets).
 *
 * @param classes the two class codes, sorted
 * @param filters spatial filters as rows, [nFilters][nChannels], best first [filters_]
 * @param patterns spatial patterns as rows, [nFilters][nChannels] (pseudo-inverse of the filters) [patterns_]
 * @param evals generalized eigenvalues in filter order [evals_]
 * @param mean mean training power of each kept component [mean_]
 * @param std population standard deviation of the training power [std_]
 * @param nComponents number of filters used for features
 * @param log whether features are log-power (else standardized power)
 */
public record CspModel(int[] classes, double[][] filters, double[][] patterns, double[] evals, double[] mean,
        double[] std, int nComponents, boolean log) {

    public int nChannels() {
        return filters[0].length;
    }

    /** Features of epochs [nEpochs][nChannels][nTimes] → [nEpochs][nComponents]. */
    public double[][] transform(double[][][] x) {
        double[][] out = new double[x.length][];
        for (int e = 0; e < x.length; e++) {
            out[e] = transform(x[e]);
        }
        return out;
    }

    /** Features of one epoch [nChannels][nTimes]. */
    public double[] transform(double[][] epoch) {
        if (epoch.length != nChannels()) {
            throw new IllegalArgumentException("CSP was fitted on " + nChannels() + " channels but the epoch has "
                    + epoch.length + ".");
        }
        double[] p = power(filters, nComponents, epoch);
        for (int j = 0; j < nComponents; j++) {
            p[j] = log ? Math.log(p[j]) : (p[j] - mean[j]) / std[j];
        }
        return p;
    }

    static double[][] power(double[][] filters, int nComponents, double[][][] x) {
        double[][] out = new double[x.length][];
        for (int e = 0; e < x.length; e++) {
            out[e] = power(filters, nComponents, x[e]);
        }
        return out;
    }

    /** Mean over time of the squared output of the first nComponents filters. */
    static double[] power(double[][] filters, int nComponents, double[][] epoch) {
        int nT = epoch[0].length;
        double[] out = new double[nComponents];
        double[] s = new double[nT];
        for (int k = 0; k < nComponents; k++) {
            java.util.Arrays.fill(s, 0);
            double[] w = filters[k];
            for (int c = 0; c < w.length; c++) {
                double wc = w[c];
                double[] xc = epoch[c];
                for (int t = 0; t < nT; t++) {
                    s[t] += wc * xc[t];
                }
            }
            double acc = 0;
            for (int t = 0; t < nT; t++) {
                acc += s[t] * s[t];
            }
            out[k] = acc / nT;
        }
        return out;
    }
}
