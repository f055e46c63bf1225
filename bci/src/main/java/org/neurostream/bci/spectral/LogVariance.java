package org.neurostream.bci.spectral;

import org.neurostream.bci.ChannelMajor;

/**
 * Natural logarithm of each channel's variance ({@code np.log(np.var(x, axis=-1))}, population variance), the classic
 * band-power proxy for band-pass-filtered EEG and the feature MNE's CSP outputs with {@code log=True}.
 */
public final class LogVariance {

    private LogVariance() {
    }

    /** One value per channel of a channel-major block. */
    public static double[] compute(double[] channelMajor, int channelCount) {
        double[] out = new double[channelCount];
        compute(channelMajor, channelCount, out);
        return out;
    }

    /** As {@link #compute(double[], int)} into {@code out} (no allocation). */
    public static void compute(double[] channelMajor, int channelCount, double[] out) {
        int n = ChannelMajor.checkBlock("Signal for log-variance", channelMajor, channelCount);
        if (n == 0) {
            throw new IllegalArgumentException("Log-variance needs at least one sample per channel.");
        }
        for (int c = 0; c < channelCount; c++) {
            double mean = 0;
            for (int s = 0; s < n; s++) {
                mean += channelMajor[c * n + s];
            }
            mean /= n;
            double ss = 0;
            for (int s = 0; s < n; s++) {
                double d = channelMajor[c * n + s] - mean;
                ss += d * d;
            }
            out[c] = Math.log(ss / n);
        }
    }
}
