package org.neurostream.bci.filter;

import org.neurostream.bci.spectral.Windows;

/**
 * Linear-phase FIR design by the window method, as {@code scipy.signal.firwin(numtaps, cutoff, window=...,
 * pass_zero=..., scale=..., fs=...)}: ideal (sinc) pass bands between the cutoffs, multiplied by a symmetric window,
 * optionally scaled to unit gain at the centre of the first pass band (0 Hz, Nyquist, or its middle).
 */
public final class Firwin {

    private Firwin() {
    }

    /**
     * Designs the taps.
     *
     * @param tapCount     number of taps ({@code numtaps}); must be odd when the filter passes Nyquist
     * @param cutoffsHz    strictly increasing cutoffs in (0, sampleRateHz / 2), Hz
     * @param windowName   scipy window name ({@code hamming} is scipy's default)
     * @param passZero     whether 0 Hz is in a pass band (true: low-pass / band-stop; false: high-pass / band-pass)
     * @param scale        scale to unit gain at the centre of the first pass band
     * @param sampleRateHz sampling rate in Hz
     */
    public static double[] design(int tapCount, double[] cutoffsHz, String windowName, boolean passZero,
                                  boolean scale, double sampleRateHz) {
        IirDesign.checkRate(sampleRateHz);
        if (tapCount < 1) {
            throw new IllegalArgumentException("tapCount must be at least 1, but got " + tapCount + ".");
        }
        if (cutoffsHz == null || cutoffsHz.length == 0) {
            throw new IllegalArgumentException("At least one cutoff frequency must be given.");
        }
        double nyquist = 0.5 * sampleRateHz;
        double[] normalized = new double[cutoffsHz.length];
        for (int i = 0; i < cutoffsHz.length; i++) {
            IirDesign.checkBelowNyquist("cutoffsHz[" + i + "]", cutoffsHz[i], sampleRateHz);
            normalized[i] = cutoffsHz[i] / nyquist;
            if (i > 0 && !(cutoffsHz[i] > cutoffsHz[i - 1])) {
                throw new IllegalArgumentException("Cutoff frequencies must be strictly increasing, but "
                        + cutoffsHz[i] + " Hz follows " + cutoffsHz[i - 1] + " Hz.");
            }
        }
        boolean passNyquist = (normalized.length % 2 == 0) == passZero;
        if (passNyquist && tapCount % 2 == 0) {
            throw new IllegalArgumentException("A filter that passes Nyquist needs an odd tapCount, but got "
                    + tapCount + ".");
        }
        double[] edges = new double[normalized.length + (passZero ? 1 : 0) + (passNyquist ? 1 : 0)];
        int e = 0;
        if (passZero) {
            edges[e++] = 0.0;
        }
        for (double v : normalized) {
            edges[e++] = v;
        }
        if (passNyquist) {
            edges[e] = 1.0;
        }
        double alpha = 0.5 * (tapCount - 1);
        double[] h = new double[tapCount];
        for (int band = 0; band < edges.length / 2; band++) {
            double left = edges[2 * band];
            double right = edges[2 * band + 1];
            for (int i = 0; i < tapCount; i++) {
                double m = i - alpha;
                h[i] += right * sinc(right * m);
                h[i] -= left * sinc(left * m);
            }
        }
        double[] window = Windows.get(windowName, tapCount, false);
        for (int i = 0; i < tapCount; i++) {
            h[i] *= window[i];
        }
        if (scale) {
            double left = edges[0];
            double right = edges[1];
            double scaleFrequency = left == 0 ? 0.0 : right == 1 ? 1.0 : 0.5 * (left + right);
            double s = 0;
            for (int i = 0; i < tapCount; i++) {
                s += h[i] * Math.cos(Math.PI * (i - alpha) * scaleFrequency);
            }
            for (int i = 0; i < tapCount; i++) {
                h[i] /= s;
            }
        }
        return h;
    }

    /** Normalized sinc, {@code sin(pi x) / (pi x)}, 1 at 0. */
    static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double y = Math.PI * x;
        return Math.sin(y) / y;
    }
}
