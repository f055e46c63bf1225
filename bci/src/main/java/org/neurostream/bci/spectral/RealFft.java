package org.neurostream.bci.spectral;

/**
 * Forward DFT of real input returning the non-negative-frequency half, bins {@code 0 .. n/2}, as numpy's {@code rfft}.
 * Even lengths use one complex transform of length {@code n/2} on the even/odd samples packed as real/imaginary
 * parts plus a split step, which halves the work; odd lengths use a full complex transform. Each channel is transformed
 * on its own, so results never depend on other channels.
 *
 * <p>Work buffers belong to the plan: transforms do not allocate, and a plan is not thread-safe.
 */
public final class RealFft {
    private final int n;
    private final int half;
    private final Fft fft;
    private final double[] re;
    private final double[] im;
    private final double[] twRe;
    private final double[] twIm;

    /** A plan for real input of length {@code n}. */
    public RealFft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be at least 1, but got " + n + ".");
        }
        this.n = n;
        this.half = n / 2;
        boolean even = n % 2 == 0 && n >= 2;
        this.fft = new Fft(even ? half : n);
        this.re = new double[even ? half : n];
        this.im = new double[even ? half : n];
        if (even) {
            twRe = new double[half + 1];
            twIm = new double[half + 1];
            for (int k = 0; k <= half; k++) {
                double angle = -2 * Math.PI * k / n;
                twRe[k] = Math.cos(angle);
                twIm[k] = Math.sin(angle);
            }
        } else {
            twRe = null;
            twIm = null;
        }
    }

    /** The input length. */
    public int length() {
        return n;
    }

    /** Number of output bins, {@code n/2 + 1}. */
    public int binCount() {
        return half + 1;
    }

    /**
     * Transforms {@code x[offset .. offset+n)} into {@code outRe[0..n/2]} and {@code outIm[0..n/2]}.
     */
    public void forward(double[] x, int offset, double[] outRe, double[] outIm) {
        if (twRe == null) {
            for (int j = 0; j < n; j++) {
                re[j] = x[offset + j];
                im[j] = 0;
            }
            fft.forward(re, im);
            System.arraycopy(re, 0, outRe, 0, half + 1);
            System.arraycopy(im, 0, outIm, 0, half + 1);
            return;
        }
        for (int j = 0; j < half; j++) {
            re[j] = x[offset + 2 * j];
            im[j] = x[offset + 2 * j + 1];
        }
        fft.forward(re, im);
        // X[k] = E[k] + W^k O[k], with E = (Z[k] + conj(Z[h-k])) / 2 and O = (Z[k] - conj(Z[h-k])) / (2i).
        for (int k = 0; k <= half; k++) {
            int a = k == half ? 0 : k;
            int b = k == 0 ? 0 : half - k;
            double zr = re[a];
            double zi = im[a];
            double mr = re[b];
            double mi = -im[b];
            double er = 0.5 * (zr + mr);
            double ei = 0.5 * (zi + mi);
            double or = 0.5 * (zi - mi);
            double oi = -0.5 * (zr - mr);
            outRe[k] = er + twRe[k] * or - twIm[k] * oi;
            outIm[k] = ei + twRe[k] * oi + twIm[k] * or;
        }
    }
}
