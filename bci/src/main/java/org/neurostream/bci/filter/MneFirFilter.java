package org.neurostream.bci.filter;

import java.util.Arrays;
import java.util.Locale;
import org.neurostream.bci.ChannelMajor;
import org.neurostream.bci.spectral.Fft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MNE-Python's default FIR filter ({@code mne.filter.create_filter} / {@code filter_data} with {@code method='fir'},
 * {@code fir_design='firwin'}, {@code filter_length='auto'}, {@code l_trans_bandwidth='auto'},
 * {@code h_trans_bandwidth='auto'}, {@code phase='zero'}, {@code fir_window='hamming'}) and its zero-phase application
 * by overlap-add FFT convolution with {@code 'reflect_limited'} edge padding, as {@code mne.filter._overlap_add_filter}.
 *
 * <p>"auto" resolves as MNE does: lower transition {@code min(max(0.25 · l, 2), l)} Hz, upper transition
 * {@code min(max(0.25 · h, 2), fs/2 − h)} Hz, length {@code ceil(3.3 / min(transitions) · fs)} samples made odd
 * (3.3 for hamming, 3.1 hann, 5.0 blackman). The taps are built from firwin low-passes at the middle of each transition
 * band, each with its own length, added and subtracted. The resolved values are logged at INFO level.
 *
 * <p>Immutable; {@link #apply} allocates its work arrays (an offline, whole-signal operation).
 */
public final class MneFirFilter {
    private static final Logger LOG = LoggerFactory.getLogger(MneFirFilter.class);

    private final double sampleRateHz;
    private final Double lowPassbandHz;
    private final Double highPassbandHz;
    private final double lowTransitionHz;
    private final double highTransitionHz;
    private final double[] taps;

    private MneFirFilter(double sampleRateHz, Double lowPassbandHz, Double highPassbandHz, double lowTransitionHz,
                         double highTransitionHz, double[] taps) {
        this.sampleRateHz = sampleRateHz;
        this.lowPassbandHz = lowPassbandHz;
        this.highPassbandHz = highPassbandHz;
        this.lowTransitionHz = lowTransitionHz;
        this.highTransitionHz = highTransitionHz;
        this.taps = taps;
    }

    /**
     * Designs MNE's default FIR with the hamming window.
     *
     * @param sampleRateHz sampling rate in Hz
     * @param lowCutoffHz  lower pass-band edge ({@code l_freq}) in Hz, or null for a low-pass
     * @param highCutoffHz upper pass-band edge ({@code h_freq}) in Hz, or null for a high-pass
     */
    public static MneFirFilter design(double sampleRateHz, Double lowCutoffHz, Double highCutoffHz) {
        return design(sampleRateHz, lowCutoffHz, highCutoffHz, "hamming");
    }

    /** As {@link #design(double, Double, Double)} with {@code fir_window} = hamming, hann or blackman. */
    public static MneFirFilter design(double sampleRateHz, Double lowCutoffHz, Double highCutoffHz,
                                      String windowName) {
        IirDesign.checkRate(sampleRateHz);
        String window = windowName.toLowerCase(Locale.ROOT);
        double lengthFactor = switch (window) {
            case "hamming" -> 3.3;
            case "hann" -> 3.1;
            case "blackman" -> 5.0;
            default -> throw new IllegalArgumentException("Invalid value for 'windowName'. Allowed values are "
                    + "'blackman', 'hamming' and 'hann', but got '" + windowName + "' instead.");
        };
        double nyquist = sampleRateHz / 2.0;
        if (lowCutoffHz == null && highCutoffHz == null) {
            throw new IllegalArgumentException("Give lowCutoffHz, highCutoffHz or both; an all-pass filter needs "
                    + "no design.");
        }
        if (lowCutoffHz != null && !(lowCutoffHz > 0)) {
            throw new IllegalArgumentException("lowCutoffHz " + lowCutoffHz + " Hz must be greater than zero.");
        }
        if (highCutoffHz != null && highCutoffHz >= nyquist) {
            throw new IllegalArgumentException("highCutoffHz " + highCutoffHz + " Hz must be below the Nyquist "
                    + "frequency " + nyquist + " Hz (sampleRateHz " + sampleRateHz + " Hz / 2).");
        }
        if (lowCutoffHz != null && lowCutoffHz >= nyquist) {
            throw new IllegalArgumentException("lowCutoffHz " + lowCutoffHz + " Hz must be below the Nyquist "
                    + "frequency " + nyquist + " Hz (sampleRateHz " + sampleRateHz + " Hz / 2).");
        }
        if (lowCutoffHz != null && highCutoffHz != null && !(lowCutoffHz < highCutoffHz)) {
            throw new IllegalArgumentException("lowCutoffHz " + lowCutoffHz + " Hz must be below highCutoffHz "
                    + highCutoffHz + " Hz (band-stop filters are not supported here).");
        }
        double lTrans = Double.NaN;
        double hTrans = Double.NaN;
        double lStop = 0;
        double hStop = nyquist;
        double minTransition = Double.POSITIVE_INFINITY;
        if (lowCutoffHz != null) {
            lTrans = Math.min(Math.max(0.25 * lowCutoffHz, 2.0), lowCutoffHz);
            lStop = lowCutoffHz - lTrans;
            minTransition = Math.min(minTransition, lTrans);
        }
        if (highCutoffHz != null) {
            hTrans = Math.min(Math.max(0.25 * highCutoffHz, 2.0), nyquist - highCutoffHz);
            hStop = highCutoffHz + hTrans;
            if (hStop > nyquist) {
                throw new IllegalArgumentException("Effective band-stop frequency (" + hStop + " Hz) is too high "
                        + "(maximum based on Nyquist is " + nyquist + " Hz).");
            }
            minTransition = Math.min(minTransition, hTrans);
        }
        int length = (int) Math.max(Math.ceil(lengthFactor / minTransition * sampleRateHz), 1);
        length += (length - 1) % 2;
        // Gain breakpoints as create_filter builds them, in Hz.
        double[] freq;
        double[] gain;
        if (lowCutoffHz != null && highCutoffHz != null) {
            freq = new double[] {lStop, lowCutoffHz, highCutoffHz, hStop};
            gain = new double[] {0, 1, 1, 0};
        } else if (highCutoffHz != null) {
            freq = new double[] {0, highCutoffHz, hStop};
            gain = new double[] {1, 1, 0};
        } else {
            freq = new double[] {lStop, lowCutoffHz, nyquist};
            gain = new double[] {0, 1, 1};
        }
        if (freq[freq.length - 1] != nyquist) {
            freq = append(freq, nyquist);
            gain = append(gain, 0);
        }
        if (freq[0] != 0) {
            freq = prepend(freq, 0);
            gain = prepend(gain, 0);
        }
        double[] normalized = new double[freq.length];
        for (int i = 0; i < freq.length; i++) {
            normalized[i] = freq[i] / nyquist;
        }
        double[] h = firwinDesign(length, normalized, gain, window, lengthFactor, sampleRateHz);
        LOG.info("MNE-style FIR {}: {}-{} Hz, lower transition {} Hz, upper transition {} Hz, filter length {} "
                        + "samples ({} s)", lowCutoffHz == null ? "low-pass" : highCutoffHz == null ? "high-pass"
                        : "band-pass", lowCutoffHz, highCutoffHz, lTrans, hTrans, length,
                String.format(Locale.ROOT, "%.3f", length / sampleRateHz));
        return new MneFirFilter(sampleRateHz, lowCutoffHz, highCutoffHz, lTrans, hTrans, h);
    }

    /** mne.filter._firwin_design: sums of firwin low-passes, one per gain step, each with its own length. */
    private static double[] firwinDesign(int n, double[] freq, double[] gain, String window, double lengthFactor,
                                         double sampleRateHz) {
        double[] h = new double[n];
        double prevFreq = freq[freq.length - 1];
        double prevGain = gain[gain.length - 1];
        if (prevGain == 1) {
            h[n / 2] = 1;
        }
        for (int i = freq.length - 2; i >= 0; i--) {
            double thisFreq = freq[i];
            double thisGain = gain[i];
            if (thisGain != prevGain) {
                double transition = (prevFreq - thisFreq) / 2.0;
                int thisN = (int) Math.rint(lengthFactor / transition); // Python round(): half to even
                thisN += 1 - Math.floorMod(thisN, 2);
                if (thisN > n) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "The requested filter length %d "
                                    + "is too short for the requested %.2f Hz transition band, which requires %d "
                                    + "samples", n, transition * sampleRateHz, thisN));
                }
                double[] lowpass = Firwin.design(thisN, new double[] {(prevFreq + thisFreq) / 2.0}, window, true,
                        true, 2.0);
                int offset = (n - thisN) / 2;
                for (int k = 0; k < thisN; k++) {
                    h[offset + k] += thisGain == 0 ? -lowpass[k] : lowpass[k];
                }
            }
            prevGain = thisGain;
            prevFreq = thisFreq;
        }
        return h;
    }

    /** The taps (odd length, symmetric); a copy. */
    public double[] taps() {
        return taps.clone();
    }

    /** Filter length in samples. */
    public int length() {
        return taps.length;
    }

    /** Sampling rate the filter was designed for, Hz. */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** Lower pass-band edge in Hz, or null for a low-pass. */
    public Double lowCutoffHz() {
        return lowPassbandHz;
    }

    /** Upper pass-band edge in Hz, or null for a high-pass. */
    public Double highCutoffHz() {
        return highPassbandHz;
    }

    /** Resolved lower transition bandwidth in Hz (NaN for a low-pass). */
    public double lowTransitionHz() {
        return lowTransitionHz;
    }

    /** Resolved upper transition bandwidth in Hz (NaN for a high-pass). */
    public double highTransitionHz() {
        return highTransitionHz;
    }

    /**
     * Zero-phase filtering of every channel of a channel-major block, as {@code mne.filter.filter_data} with these
     * defaults: the signal is extended by {@code min(length, n) − 1} samples of odd reflection at each end
     * ({@code 'reflect_limited'}), convolved by overlap-add FFT and shifted by {@code (length − 1) / 2}. A filter longer
     * than the signal is allowed (MNE warns too) and logged as a warning.
     */
    public double[] apply(double[] channelMajor, int channelCount) {
        int n = ChannelMajor.checkBlock("Signal to filter", channelMajor, channelCount);
        double[] out = new double[channelMajor.length];
        if (n == 0) {
            return out;
        }
        if (taps.length > n) {
            LOG.warn("filter length ({}) is longer than the signal ({}), distortion is likely.", taps.length, n);
        }
        int nh = taps.length;
        int nEdge = Math.max(Math.min(nh, n) - 1, 0);
        int nx = n + 2 * nEdge;
        int nFft = fftLength(nx, nh);
        Fft fft = new Fft(nFft);
        double[] hRe = new double[nFft];
        double[] hIm = new double[nFft];
        System.arraycopy(taps, 0, hRe, 0, nh);
        fft.forward(hRe, hIm);
        double[] ext = new double[nx];
        double[] filtered = new double[nx];
        double[] re = new double[nFft];
        double[] im = new double[nFft];
        int nSeg = nFft - nh + 1;
        int nSegments = (nx + nSeg - 1) / nSeg;
        int shift = (nh - 1) / 2 + nEdge;
        for (int c = 0; c < channelCount; c++) {
            int base = c * n;
            double first = channelMajor[base];
            double last = channelMajor[base + n - 1];
            for (int i = 0; i < nEdge; i++) {
                ext[i] = 2 * first - channelMajor[base + nEdge - i];
                ext[nEdge + n + i] = 2 * last - channelMajor[base + n - 2 - i];
            }
            System.arraycopy(channelMajor, base, ext, nEdge, n);
            Arrays.fill(filtered, 0.0);
            for (int seg = 0; seg < nSegments; seg++) {
                int start = seg * nSeg;
                int stop = Math.min(start + nSeg, nx);
                Arrays.fill(re, 0.0);
                Arrays.fill(im, 0.0);
                System.arraycopy(ext, start, re, 0, stop - start);
                fft.forward(re, im);
                for (int k = 0; k < nFft; k++) {
                    double r = re[k] * hRe[k] - im[k] * hIm[k];
                    double i = re[k] * hIm[k] + im[k] * hRe[k];
                    re[k] = r;
                    im[k] = i;
                }
                fft.inverse(re, im);
                int startFilt = Math.max(0, start - shift);
                int stopFilt = Math.min(start - shift + nFft, nx);
                int startProd = Math.max(0, shift - start);
                for (int k = 0; k < stopFilt - startFilt; k++) {
                    filtered[startFilt + k] += re[startProd + k];
                }
            }
            System.arraycopy(filtered, 0, out, base, n);
        }
        return out;
    }

    /** MNE's FFT length choice (cost model over powers of two; one 5-smooth block for short signals). */
    static int fftLength(int nx, int nh) {
        int minFft = 2 * nh - 1;
        if (nx < minFft) {
            int candidate = minFft;
            while (!isFiveSmooth(candidate)) {
                candidate++;
            }
            return candidate;
        }
        int lowExp = ceilLog2(minFft);
        int highExp = ceilLog2(nx);
        int best = 1 << lowExp;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int e = lowExp; e <= highExp; e++) {
            int size = 1 << e;
            double cost = Math.ceil(nx / (double) (size - nh + 1)) * size * (e + 1) + 4e-5 * size * nx;
            if (cost < bestCost) {
                bestCost = cost;
                best = size;
            }
        }
        return best;
    }

    private static int ceilLog2(int value) {
        return value <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(value - 1);
    }

    private static boolean isFiveSmooth(int value) {
        int v = value;
        for (int p : new int[] {2, 3, 5}) {
            while (v % p == 0) {
                v /= p;
            }
        }
        return v == 1;
    }

    private static double[] append(double[] values, double v) {
        double[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = v;
        return out;
    }

    private static double[] prepend(double[] values, double v) {
        double[] out = new double[values.length + 1];
        out[0] = v;
        System.arraycopy(values, 0, out, 1, values.length);
        return out;
    }
}
