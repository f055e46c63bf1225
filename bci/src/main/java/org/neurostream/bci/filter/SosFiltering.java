package org.neurostream.bci.filter;

import org.neurostream.bci.ChannelMajor;

/**
 * Offline IIR filtering of whole signals, as scipy's {@code sosfilt}, {@code sosfilt_zi} and {@code sosfiltfilt}.
 *
 * <p>Multichannel data is channel-major ({@code values[c * sampleCount + s]}); each channel is filtered on its own.
 */
public final class SosFiltering {

    private SosFiltering() {
    }

    /**
     * Steady-state initial conditions for a unit step, as {@code scipy.signal.sosfilt_zi}: {@code sectionCount × 2}
     * values (section-major).
     */
    public static double[] sosfiltZi(SosCoefficients design) {
        double[] sos = design.raw();
        int sections = design.sectionCount();
        double[] zi = new double[sections * 2];
        double scale = 1.0;
        for (int s = 0; s < sections; s++) {
            double b0 = sos[6 * s];
            double b1 = sos[6 * s + 1];
            double b2 = sos[6 * s + 2];
            double a1 = sos[6 * s + 4];
            double a2 = sos[6 * s + 5];
            // lfilter_zi: solve (I - companion(a).T) zi = b[1:] - a[1:] * b[0]
            double r0 = b1 - a1 * b0;
            double r1 = b2 - a2 * b0;
            double z0 = (r0 + r1) / (1 + a1 + a2);
            double z1 = r1 - a2 * z0;
            zi[2 * s] = scale * z0;
            zi[2 * s + 1] = scale * z1;
            scale *= (b0 + b1 + b2) / (1 + a1 + a2);
        }
        return zi;
    }

    /** Causal filtering from zero state of a channel-major block, as {@code sosfilt(sos, x, axis=-1)}. */
    public static double[] sosfilt(SosCoefficients design, double[] channelMajor, int channelCount) {
        double[] out = channelMajor.clone();
        new StreamingSosFilter(design, channelCount).process(out);
        return out;
    }

    /**
     * Zero-phase forward-backward filtering, identical to {@code scipy.signal.sosfiltfilt(sos, x, axis=-1)} with its
     * defaults: odd extension of {@link #defaultPadLength} samples at each end and {@code sosfilt_zi} initial
     * conditions scaled by the first sample of each pass.
     *
     * @throws IllegalArgumentException if a channel has no more samples than the padding
     */
    public static double[] sosfiltfilt(SosCoefficients design, double[] channelMajor, int channelCount) {
        return sosfiltfilt(design, channelMajor, channelCount, defaultPadLength(design));
    }

    /** As {@link #sosfiltfilt(SosCoefficients, double[], int)} with an explicit odd-padding length ({@code padlen}). */
    public static double[] sosfiltfilt(SosCoefficients design, double[] channelMajor, int channelCount,
                                       int padLength) {
        int n = ChannelMajor.checkBlock("Signal to filter", channelMajor, channelCount);
        if (padLength < 0) {
            throw new IllegalArgumentException("padLength must be >= 0, but got " + padLength + ".");
        }
        if (n <= padLength) {
            throw new IllegalArgumentException("The signal has " + n + " samples per channel; zero-phase filtering "
                    + "needs more than padLength = " + padLength + " samples.");
        }
        double[] sos = design.raw();
        int sections = design.sectionCount();
        double[] ziUnit = sosfiltZi(design);
        int extLength = n + 2 * padLength;
        double[] ext = new double[extLength];
        double[] zi = new double[sections * 2];
        double[] out = new double[channelMajor.length];
        for (int c = 0; c < channelCount; c++) {
            int base = c * n;
            double first = channelMajor[base];
            double last = channelMajor[base + n - 1];
            for (int i = 0; i < padLength; i++) {
                ext[i] = 2 * first - channelMajor[base + padLength - i];
                ext[padLength + n + i] = 2 * last - channelMajor[base + n - 2 - i];
            }
            System.arraycopy(channelMajor, base, ext, padLength, n);
            double x0 = ext[0];
            for (int i = 0; i < zi.length; i++) {
                zi[i] = ziUnit[i] * x0;
            }
            StreamingSosFilter.filterRun(sos, sections, zi, 0, ext, ext, 0, extLength, 1);
            double y0 = ext[extLength - 1];
            for (int i = 0; i < zi.length; i++) {
                zi[i] = ziUnit[i] * y0;
            }
            StreamingSosFilter.filterRun(sos, sections, zi, 0, ext, ext, extLength - 1, extLength, -1);
            System.arraycopy(ext, padLength, out, base, n);
        }
        return out;
    }

    /**
     * scipy's default {@code padlen} for sosfiltfilt: {@code 3 * (2 * sectionCount + 1 - min(#(b2 == 0), #(a2 == 0)))}.
     */
    public static int defaultPadLength(SosCoefficients design) {
        int sections = design.sectionCount();
        int zeroB2 = 0;
        int zeroA2 = 0;
        for (int s = 0; s < sections; s++) {
            if (design.coefficient(s, 2) == 0) {
                zeroB2++;
            }
            if (design.coefficient(s, 5) == 0) {
                zeroA2++;
            }
        }
        return 3 * (2 * sections + 1 - Math.min(zeroB2, zeroA2));
    }
}
