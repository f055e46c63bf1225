package org.neurostream.bci.spectral;

/**
 * A discrete Fourier transform plan for one length {@code n} (any positive integer): radix-2 for powers of two,
 * Bluestein's chirp-z algorithm (through a power-of-two transform) otherwise. Forward transform without scaling,
 * {@code X[k] = sum_j x[j] exp(-2 pi i j k / n)}, as numpy/scipy's {@code fft}.
 *
 * <p>Twiddles and work buffers are allocated once in the constructor; transforms do not allocate. Not thread-safe
 * because of the shared work buffers: use one plan per thread.
 */
public final class Fft {
    private final int n;
    private final Radix2 radix2;
    // Bluestein
    private final int m;
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] kernelRe;
    private final double[] kernelIm;
    private final double[] workRe;
    private final double[] workIm;

    /** A plan for transforms of length {@code n}. */
    public Fft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be at least 1, but got " + n + ".");
        }
        this.n = n;
        if (Integer.bitCount(n) == 1) {
            radix2 = new Radix2(n);
            m = 0;
            chirpRe = chirpIm = kernelRe = kernelIm = workRe = workIm = null;
        } else {
            int size = Integer.highestOneBit(2 * n - 1);
            if (size < 2 * n - 1) {
                size <<= 1;
            }
            m = size;
            radix2 = new Radix2(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int k = 0; k < n; k++) {
                // exp(-i pi k^2 / n); k^2 mod 2n keeps the angle small and exact
                long k2 = ((long) k * k) % (2L * n);
                double angle = Math.PI * k2 / n;
                chirpRe[k] = Math.cos(angle);
                chirpIm[k] = -Math.sin(angle);
            }
            kernelRe = new double[m];
            kernelIm = new double[m];
            kernelRe[0] = chirpRe[0];
            kernelIm[0] = -chirpIm[0];
            for (int k = 1; k < n; k++) {
                kernelRe[k] = chirpRe[k];
                kernelIm[k] = -chirpIm[k];
                kernelRe[m - k] = chirpRe[k];
                kernelIm[m - k] = -chirpIm[k];
            }
            radix2.transform(kernelRe, kernelIm, false);
            workRe = new double[m];
            workIm = new double[m];
        }
    }

    /** The transform length. */
    public int length() {
        return n;
    }

    /** In-place forward transform of {@code re + i im} (both of length {@code n}). */
    public void forward(double[] re, double[] im) {
        transform(re, im, false);
    }

    /** In-place inverse transform including the {@code 1/n} scaling, as numpy's {@code ifft}. */
    public void inverse(double[] re, double[] im) {
        transform(re, im, true);
        double scale = 1.0 / n;
        for (int i = 0; i < n; i++) {
            re[i] *= scale;
            im[i] *= scale;
        }
    }

    private void transform(double[] re, double[] im, boolean inverse) {
        if (re.length < n || im.length < n) {
            throw new IllegalArgumentException("FFT of length " + n + " needs arrays of at least that length.");
        }
        if (radix2 != null && m == 0) {
            radix2.transform(re, im, inverse);
            return;
        }
        // Bluestein: X_k = conj(w_k) * sum_j (x_j w_j) conj(w_{k-j}) with w_k = exp(-i pi k^2/n) (forward).
        double sign = inverse ? -1 : 1;
        java.util.Arrays.fill(workRe, 0.0);
        java.util.Arrays.fill(workIm, 0.0);
        for (int k = 0; k < n; k++) {
            double cr = chirpRe[k];
            double ci = sign * chirpIm[k];
            workRe[k] = re[k] * cr - im[k] * ci;
            workIm[k] = re[k] * ci + im[k] * cr;
        }
        radix2.transform(workRe, workIm, false);
        for (int k = 0; k < m; k++) {
            double kr = kernelRe[k];
            double ki = sign * kernelIm[k];
            double wr = workRe[k];
            double wi = workIm[k];
            workRe[k] = wr * kr - wi * ki;
            workIm[k] = wr * ki + wi * kr;
        }
        radix2.transform(workRe, workIm, true);
        double scale = 1.0 / m;
        for (int k = 0; k < n; k++) {
            double cr = chirpRe[k];
            double ci = sign * chirpIm[k];
            double wr = workRe[k] * scale;
            double wi = workIm[k] * scale;
            re[k] = wr * cr - wi * ci;
            im[k] = wr * ci + wi * cr;
        }
    }

    /** Iterative in-place radix-2 transform with precomputed twiddles (unscaled in both directions). */
    private static final class Radix2 {
        private final int size;
        private final double[] cos;
        private final double[] sin;
        private final int[] bitReversed;

        Radix2(int size) {
            this.size = size;
            cos = new double[Math.max(1, size / 2)];
            sin = new double[Math.max(1, size / 2)];
            for (int i = 0; i < size / 2; i++) {
                double angle = 2 * Math.PI * i / size;
                cos[i] = Math.cos(angle);
                sin[i] = Math.sin(angle);
            }
            bitReversed = new int[size];
            int bits = Integer.numberOfTrailingZeros(size);
            for (int i = 0; i < size; i++) {
                bitReversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
        }

        void transform(double[] re, double[] im, boolean inverse) {
            for (int i = 0; i < size; i++) {
                int j = bitReversed[i];
                if (j > i) {
                    double t = re[i];
                    re[i] = re[j];
                    re[j] = t;
                    t = im[i];
                    im[i] = im[j];
                    im[j] = t;
                }
            }
            double sign = inverse ? 1 : -1;
            for (int len = 2; len <= size; len <<= 1) {
                int half = len >> 1;
                int step = size / len;
                for (int i = 0; i < size; i += len) {
                    for (int j = 0, t = 0; j < half; j++, t += step) {
                        double wr = cos[t];
                        double wi = sign * sin[t];
                        int a = i + j;
                        int b = a + half;
                        double xr = re[b] * wr - im[b] * wi;
                        double xi = re[b] * wi + im[b] * wr;
                        re[b] = re[a] - xr;
                        im[b] = im[a] - xi;
                        re[a] += xr;
                        im[a] += xi;
                    }
                }
            }
        }
    }
}
