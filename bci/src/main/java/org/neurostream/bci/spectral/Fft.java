package org.neurostream.bci.spectral;

/**
 * A discrete Fourier transform plan for one length {@code n} (any positive integer): radix-2 for powers of two, a
 * mixed-radix Cooley-Tukey transform when every prime factor is small (e.g. 160 = 2⁵·5, 250, 1000), and Bluestein's
 * chirp-z algorithm (through a power-of-two transform) for lengths with a large prime factor. Forward transform without scaling,
 * {@code X[k] = sum_j x[j] exp(-2 pi i j k / n)}, as numpy/scipy's {@code fft}.
 *
 * <p>Twiddles and work buffers are allocated once in the constructor; transforms do not allocate. Not thread-safe
 * because of the shared work buffers: use one plan per thread.
 */
public final class Fft {
    private final int n;
    private final Radix2 radix2;
    private final MixedRadix mixedRadix;
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
            mixedRadix = null;
            m = 0;
            chirpRe = chirpIm = kernelRe = kernelIm = workRe = workIm = null;
        } else if (MixedRadix.largestPrimeFactor(n) <= MixedRadix.MAX_RADIX) {
            radix2 = null;
            mixedRadix = new MixedRadix(n);
            m = 0;
            chirpRe = chirpIm = kernelRe = kernelIm = workRe = workIm = null;
        } else {
            mixedRadix = null;
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
        if (mixedRadix != null) {
            mixedRadix.transform(re, im, inverse);
            return;
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

    /**
     * Recursive decimation-in-time Cooley-Tukey for lengths whose prime factors are at most {@link #MAX_RADIX}:
     * {@code n = p·m}, transform the p interleaved sub-sequences of length m, then combine with twiddles and a direct
     * p-point DFT (radix 2 and 4 specialised). Work buffers come from the plan.
     */
    private static final class MixedRadix {
        static final int MAX_RADIX = 31;
        private static final double SIN_60 = Math.sqrt(3) / 2;
        private static final double COS_72 = Math.cos(2 * Math.PI / 5);
        private static final double COS_144 = Math.cos(4 * Math.PI / 5);
        private static final double SIN_72 = Math.sin(2 * Math.PI / 5);
        private static final double SIN_144 = Math.sin(4 * Math.PI / 5);
        private final int n;
        private final int[] factors;
        private final double[] twRe;
        private final double[] twIm;
        private final double[] bufRe;
        private final double[] bufIm;
        private final double[] tRe;
        private final double[] tIm;

        MixedRadix(int n) {
            this.n = n;
            java.util.List<Integer> list = new java.util.ArrayList<>();
            int rest = n;
            while (rest % 4 == 0) {
                list.add(4);
                rest /= 4;
            }
            for (int p = 2; rest > 1; p++) {
                while (rest % p == 0) {
                    list.add(p);
                    rest /= p;
                }
            }
            factors = list.stream().mapToInt(Integer::intValue).toArray();
            twRe = new double[n];
            twIm = new double[n];
            for (int i = 0; i < n; i++) {
                double angle = -2 * Math.PI * i / n;
                twRe[i] = Math.cos(angle);
                twIm[i] = Math.sin(angle);
            }
            bufRe = new double[n];
            bufIm = new double[n];
            tRe = new double[MAX_RADIX + 1];
            tIm = new double[MAX_RADIX + 1];
        }

        static int largestPrimeFactor(int value) {
            int rest = value;
            int largest = 1;
            for (int p = 2; (long) p * p <= rest; p++) {
                while (rest % p == 0) {
                    largest = p;
                    rest /= p;
                }
            }
            return Math.max(largest, rest);
        }

        void transform(double[] re, double[] im, boolean inverse) {
            double sign = inverse ? -1 : 1;
            recurse(re, im, 0, 1, bufRe, bufIm, 0, n, 0, sign);
            System.arraycopy(bufRe, 0, re, 0, n);
            System.arraycopy(bufIm, 0, im, 0, n);
        }

        /** Writes the DFT of {@code in[inOff + j*stride], j < len} to {@code out[outOff .. outOff+len)}. */
        private void recurse(double[] inRe, double[] inIm, int inOff, int stride, double[] outRe, double[] outIm,
                             int outOff, int len, int factorIndex, double sign) {
            if (len == 1) {
                outRe[outOff] = inRe[inOff];
                outIm[outOff] = inIm[inOff];
                return;
            }
            int p = factors[factorIndex];
            int m = len / p;
            for (int j = 0; j < p; j++) {
                recurse(inRe, inIm, inOff + j * stride, stride * p, outRe, outIm, outOff + j * m, m,
                        factorIndex + 1, sign);
            }
            int twStep = n / len;
            int pStep = n / p;
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < p; j++) {
                    int idx = outOff + j * m + k;
                    int t = j * k * twStep;
                    double wr = twRe[t];
                    double wi = sign * twIm[t];
                    double xr = outRe[idx];
                    double xi = outIm[idx];
                    tRe[j] = xr * wr - xi * wi;
                    tIm[j] = xr * wi + xi * wr;
                }
                if (p == 2) {
                    outRe[outOff + k] = tRe[0] + tRe[1];
                    outIm[outOff + k] = tIm[0] + tIm[1];
                    outRe[outOff + m + k] = tRe[0] - tRe[1];
                    outIm[outOff + m + k] = tIm[0] - tIm[1];
                } else if (p == 4) {
                    double aRe = tRe[0] + tRe[2];
                    double aIm = tIm[0] + tIm[2];
                    double bRe = tRe[0] - tRe[2];
                    double bIm = tIm[0] - tIm[2];
                    double cRe = tRe[1] + tRe[3];
                    double cIm = tIm[1] + tIm[3];
                    // (t1 - t3) * (-i·sign)
                    double dRe = sign * (tIm[1] - tIm[3]);
                    double dIm = -sign * (tRe[1] - tRe[3]);
                    outRe[outOff + k] = aRe + cRe;
                    outIm[outOff + k] = aIm + cIm;
                    outRe[outOff + m + k] = bRe + dRe;
                    outIm[outOff + m + k] = bIm + dIm;
                    outRe[outOff + 2 * m + k] = aRe - cRe;
                    outIm[outOff + 2 * m + k] = aIm - cIm;
                    outRe[outOff + 3 * m + k] = bRe - dRe;
                    outIm[outOff + 3 * m + k] = bIm - dIm;
                } else if (p == 3) {
                    double aRe = tRe[1] + tRe[2];
                    double aIm = tIm[1] + tIm[2];
                    double bRe = tRe[1] - tRe[2];
                    double bIm = tIm[1] - tIm[2];
                    double s = sign * SIN_60;
                    double mRe = tRe[0] - 0.5 * aRe;
                    double mIm = tIm[0] - 0.5 * aIm;
                    outRe[outOff + k] = tRe[0] + aRe;
                    outIm[outOff + k] = tIm[0] + aIm;
                    outRe[outOff + m + k] = mRe + s * bIm;
                    outIm[outOff + m + k] = mIm - s * bRe;
                    outRe[outOff + 2 * m + k] = mRe - s * bIm;
                    outIm[outOff + 2 * m + k] = mIm + s * bRe;
                } else if (p == 5) {
                    double a1Re = tRe[1] + tRe[4];
                    double a1Im = tIm[1] + tIm[4];
                    double b1Re = tRe[1] - tRe[4];
                    double b1Im = tIm[1] - tIm[4];
                    double a2Re = tRe[2] + tRe[3];
                    double a2Im = tIm[2] + tIm[3];
                    double b2Re = tRe[2] - tRe[3];
                    double b2Im = tIm[2] - tIm[3];
                    double m1Re = tRe[0] + COS_72 * a1Re + COS_144 * a2Re;
                    double m1Im = tIm[0] + COS_72 * a1Im + COS_144 * a2Im;
                    double m2Re = tRe[0] + COS_144 * a1Re + COS_72 * a2Re;
                    double m2Im = tIm[0] + COS_144 * a1Im + COS_72 * a2Im;
                    // -i·sign·z = sign·(z.im, -z.re)
                    double n1Re = sign * (SIN_72 * b1Im + SIN_144 * b2Im);
                    double n1Im = -sign * (SIN_72 * b1Re + SIN_144 * b2Re);
                    double n2Re = sign * (SIN_144 * b1Im - SIN_72 * b2Im);
                    double n2Im = -sign * (SIN_144 * b1Re - SIN_72 * b2Re);
                    outRe[outOff + k] = tRe[0] + a1Re + a2Re;
                    outIm[outOff + k] = tIm[0] + a1Im + a2Im;
                    outRe[outOff + m + k] = m1Re + n1Re;
                    outIm[outOff + m + k] = m1Im + n1Im;
                    outRe[outOff + 4 * m + k] = m1Re - n1Re;
                    outIm[outOff + 4 * m + k] = m1Im - n1Im;
                    outRe[outOff + 2 * m + k] = m2Re + n2Re;
                    outIm[outOff + 2 * m + k] = m2Im + n2Im;
                    outRe[outOff + 3 * m + k] = m2Re - n2Re;
                    outIm[outOff + 3 * m + k] = m2Im - n2Im;
                } else {
                    for (int q = 0; q < p; q++) {
                        double sr = 0;
                        double si = 0;
                        int step = q * pStep;
                        int t = 0;
                        for (int j = 0; j < p; j++, t = t + step >= n ? t + step - n : t + step) {
                            double wr = twRe[t];
                            double wi = sign * twIm[t];
                            sr += tRe[j] * wr - tIm[j] * wi;
                            si += tRe[j] * wi + tIm[j] * wr;
                        }
                        outRe[outOff + q * m + k] = sr;
                        outIm[outOff + q * m + k] = si;
                    }
                }
            }
        }
    }
}
