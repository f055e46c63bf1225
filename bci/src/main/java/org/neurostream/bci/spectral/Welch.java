package org.neurostream.bci.spectral;

import java.util.Arrays;
import java.util.Objects;
import org.neurostream.bci.ChannelMajor;

/**
 * Welch's averaged-periodogram estimate of power and cross spectra, numerically as {@code scipy.signal.welch} and
 * {@code scipy.signal.csd} (one-sided): segments of {@code nperseg} samples every {@code nperseg - noverlap} samples
 * (trailing samples that do not fill a segment are ignored), each detrended, windowed, zero-padded to {@code nfft} and
 * transformed; {@code |X|²} is scaled by {@code 1 / (fs · Σw²)} (density) or {@code 1 / (Σw)²} (spectrum), doubled
 * except at 0 Hz and (for even {@code nfft}) Nyquist, then averaged (mean, or median / median bias).
 *
 * <p>Input is channel-major ({@code values[c * sampleCount + s]}). One instance holds the FFT plan and work buffers for
 * its parameters, so repeated calls (one per epoch or chunk) do not re-plan; it is not thread-safe.
 */
public final class Welch {
    private final WelchParameters parameters;
    private final double sampleRateHz;
    private final double[] window;
    private final RealFft fft;
    private final double[] segment;
    private final double[] re;
    private final double[] im;
    private final double[] frequenciesHz;
    private final double scale;
    private final int binCount;

    /** A Welch estimator for data sampled at {@code sampleRateHz}. */
    public Welch(WelchParameters parameters, double sampleRateHz) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sampleRateHz must be positive and finite, but got " + sampleRateHz
                    + ".");
        }
        this.sampleRateHz = sampleRateHz;
        this.window = parameters.windowValues();
        int nfft = parameters.fftLength();
        this.fft = new RealFft(nfft);
        this.binCount = nfft / 2 + 1;
        this.segment = new double[nfft];
        this.re = new double[binCount];
        this.im = new double[binCount];
        this.frequenciesHz = new double[binCount];
        double val = 1.0 / (nfft * (1.0 / sampleRateHz));
        for (int k = 0; k < binCount; k++) {
            frequenciesHz[k] = k * val;
        }
        double sum = 0;
        double sumSquares = 0;
        for (double w : window) {
            sum += w;
            sumSquares += w * w;
        }
        this.scale = parameters.scaling() == WelchParameters.Scaling.DENSITY
                ? 1.0 / (sampleRateHz * sumSquares) : 1.0 / (sum * sum);
    }

    /** The parameters. */
    public WelchParameters parameters() {
        return parameters;
    }

    /** Sampling rate in Hz. */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** Bin frequencies in Hz ({@code rfftfreq(nfft, 1/fs)}); a copy. */
    public double[] frequenciesHz() {
        return frequenciesHz.clone();
    }

    /** Number of segments Welch averages for a signal of {@code sampleCount} samples. */
    public int segmentCount(int sampleCount) {
        int step = parameters.segmentLength() - parameters.overlap();
        return (sampleCount - parameters.overlap()) / step;
    }

    /** Power spectral density (or power spectrum) of every channel. */
    public PowerSpectrum psd(double[] channelMajor, int channelCount) {
        double[] out = new double[channelCount * binCount];
        psd(channelMajor, channelCount, out);
        return new PowerSpectrum(frequenciesHz.clone(), channelCount, out);
    }

    /**
     * As {@link #psd(double[], int)} into a caller-owned array of {@code channelCount × binCount} values; with mean
     * averaging this does not allocate.
     */
    public void psd(double[] channelMajor, int channelCount, double[] out) {
        int n = samplesPerChannel(channelMajor, channelCount);
        if (out.length != channelCount * binCount) {
            throw new IllegalArgumentException("Output needs " + channelCount * binCount + " values ("
                    + channelCount + " channels × " + binCount + " bins), but has " + out.length + ".");
        }
        int segments = segmentCount(n);
        int step = parameters.segmentLength() - parameters.overlap();
        boolean median = parameters.average() == WelchParameters.Average.MEDIAN && segments > 1;
        double[] perSegment = median ? new double[segments * binCount] : null;
        double[] column = median ? new double[segments] : null;
        double bias = median ? medianBias(segments) : 1;
        for (int c = 0; c < channelCount; c++) {
            int outBase = c * binCount;
            Arrays.fill(out, outBase, outBase + binCount, 0.0);
            for (int seg = 0; seg < segments; seg++) {
                transformSegment(channelMajor, c * n + seg * step);
                for (int k = 0; k < binCount; k++) {
                    double p = (re[k] * re[k] + im[k] * im[k]) * scale * oneSidedFactor(k);
                    if (median) {
                        perSegment[k * segments + seg] = p;
                    } else {
                        out[outBase + k] += p;
                    }
                }
            }
            for (int k = 0; k < binCount; k++) {
                if (median) {
                    System.arraycopy(perSegment, k * segments, column, 0, segments);
                    out[outBase + k] = median(column) / bias;
                } else {
                    out[outBase + k] /= segments;
                }
            }
        }
    }

    /** Cross-spectral densities of all ordered channel pairs, {@code csd(x_i, x_j)} as scipy. */
    public CrossSpectra crossSpectra(double[] channelMajor, int channelCount) {
        int n = samplesPerChannel(channelMajor, channelCount);
        int segments = segmentCount(n);
        int step = parameters.segmentLength() - parameters.overlap();
        boolean median = parameters.average() == WelchParameters.Average.MEDIAN && segments > 1;
        int pairBins = channelCount * channelCount * binCount;
        double[] real = new double[pairBins];
        double[] imag = new double[pairBins];
        double[] specRe = new double[channelCount * binCount];
        double[] specIm = new double[channelCount * binCount];
        double[] segRe = median ? new double[segments * pairBins] : null;
        double[] segIm = median ? new double[segments * pairBins] : null;
        for (int seg = 0; seg < segments; seg++) {
            for (int c = 0; c < channelCount; c++) {
                transformSegment(channelMajor, c * n + seg * step);
                System.arraycopy(re, 0, specRe, c * binCount, binCount);
                System.arraycopy(im, 0, specIm, c * binCount, binCount);
            }
            for (int i = 0; i < channelCount; i++) {
                for (int j = 0; j < channelCount; j++) {
                    int pair = (i * channelCount + j) * binCount;
                    for (int k = 0; k < binCount; k++) {
                        double ar = specRe[i * binCount + k];
                        double ai = specIm[i * binCount + k];
                        double br = specRe[j * binCount + k];
                        double bi = specIm[j * binCount + k];
                        double f = scale * oneSidedFactor(k);
                        double pr = (ar * br + ai * bi) * f;
                        double pi = (ar * bi - ai * br) * f;
                        if (median) {
                            segRe[(pair + k) * segments + seg] = pr;
                            segIm[(pair + k) * segments + seg] = pi;
                        } else {
                            real[pair + k] += pr;
                            imag[pair + k] += pi;
                        }
                    }
                }
            }
        }
        if (median) {
            double bias = medianBias(segments);
            double[] column = new double[segments];
            for (int idx = 0; idx < pairBins; idx++) {
                System.arraycopy(segRe, idx * segments, column, 0, segments);
                real[idx] = median(column) / bias;
                System.arraycopy(segIm, idx * segments, column, 0, segments);
                imag[idx] = median(column) / bias;
            }
        } else {
            for (int idx = 0; idx < pairBins; idx++) {
                real[idx] /= segments;
                imag[idx] /= segments;
            }
        }
        return new CrossSpectra(frequenciesHz.clone(), channelCount, real, imag);
    }

    private int samplesPerChannel(double[] channelMajor, int channelCount) {
        int n = ChannelMajor.checkBlock("Signal for Welch's method", channelMajor, channelCount);
        if (n < parameters.segmentLength()) {
            throw new IllegalArgumentException("Each channel has " + n + " samples, fewer than segmentLength "
                    + "(nperseg) " + parameters.segmentLength() + "; use a segment length of at most " + n + ".");
        }
        return n;
    }

    private double oneSidedFactor(int k) {
        int nfft = parameters.fftLength();
        if (k == 0 || (nfft % 2 == 0 && k == nfft / 2)) {
            return 1.0;
        }
        return 2.0;
    }

    /** Detrends, windows, zero-pads and transforms one segment starting at {@code start} into re/im. */
    private void transformSegment(double[] values, int start) {
        int len = parameters.segmentLength();
        switch (parameters.detrend()) {
            case NONE -> {
                for (int i = 0; i < len; i++) {
                    segment[i] = values[start + i];
                }
            }
            case CONSTANT -> {
                double mean = 0;
                for (int i = 0; i < len; i++) {
                    mean += values[start + i];
                }
                mean /= len;
                for (int i = 0; i < len; i++) {
                    segment[i] = values[start + i] - mean;
                }
            }
            case LINEAR -> {
                double tMean = (len - 1) / 2.0;
                double xMean = 0;
                for (int i = 0; i < len; i++) {
                    xMean += values[start + i];
                }
                xMean /= len;
                double sxy = 0;
                double sxx = 0;
                for (int i = 0; i < len; i++) {
                    double dt = i - tMean;
                    sxy += dt * (values[start + i] - xMean);
                    sxx += dt * dt;
                }
                double slope = sxx == 0 ? 0 : sxy / sxx;
                for (int i = 0; i < len; i++) {
                    segment[i] = values[start + i] - (xMean + slope * (i - tMean));
                }
            }
            default -> throw new IllegalStateException("Unknown detrend " + parameters.detrend());
        }
        for (int i = 0; i < len; i++) {
            segment[i] *= window[i];
        }
        Arrays.fill(segment, len, segment.length, 0.0);
        fft.forward(segment, 0, re, im);
    }

    /** scipy's {@code _median_bias(n)}: the median of n χ²₂/2 variates over their mean. */
    static double medianBias(int n) {
        double bias = 1;
        for (int i = 1; i <= (n - 1) / 2; i++) {
            double ii2 = 2.0 * i;
            bias += 1.0 / (ii2 + 1) - 1.0 / ii2;
        }
        return bias;
    }

    /** numpy's median (mean of the two middle values for even counts); sorts {@code values}. */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
