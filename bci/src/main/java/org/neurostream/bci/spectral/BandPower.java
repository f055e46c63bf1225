package org.neurostream.bci.spectral;

/**
 * Band power from a power spectral density, per channel.
 *
 * <p>Absolute power integrates the PSD over the bins inside the band (edges inclusive). Two rules are offered:
 * {@link Integration#TRAPEZOID} ({@code scipy.integrate.trapezoid(psd[band], freqs[band])}, the default here and the
 * rule of MNE's spectrum examples) and {@link Integration#RECTANGLE} ({@code psd[band].sum() × Δf}, the rule of
 * several BCI toolboxes; yasa uses Simpson's rule, which is neither). Relative power divides by the trapezoid integral
 * over all bins; the log variant is {@code log10} of the absolute power.
 */
public final class BandPower {

    /** How the PSD is integrated over a band. */
    public enum Integration {
        /** Trapezoidal rule over the band's bins. */
        TRAPEZOID,
        /** Sum of the band's bins times the bin width. */
        RECTANGLE
    }

    private BandPower() {
    }

    /** Absolute band power per channel (PSD units × Hz, e.g. µV²). */
    public static double[] absolute(PowerSpectrum psd, FrequencyBand band, Integration rule) {
        double[] freqs = psd.frequenciesHz();
        int first = band.firstBin(freqs);
        int end = band.endBin(freqs);
        double[] out = new double[psd.channelCount()];
        for (int c = 0; c < out.length; c++) {
            out[c] = integrate(psd, c, first, end, rule);
        }
        return out;
    }

    /** Band power divided by the total power (trapezoid over all bins), per channel. */
    public static double[] relative(PowerSpectrum psd, FrequencyBand band, Integration rule) {
        double[] absolute = absolute(psd, band, rule);
        for (int c = 0; c < absolute.length; c++) {
            absolute[c] /= integrate(psd, c, 0, psd.binCount(), Integration.TRAPEZOID);
        }
        return absolute;
    }

    /** {@code log10} of the absolute band power, per channel. */
    public static double[] log10(PowerSpectrum psd, FrequencyBand band, Integration rule) {
        double[] absolute = absolute(psd, band, rule);
        for (int c = 0; c < absolute.length; c++) {
            absolute[c] = Math.log10(absolute[c]);
        }
        return absolute;
    }

    private static double integrate(PowerSpectrum psd, int channel, int first, int end, Integration rule) {
        double[] freqs = psd.frequenciesHz();
        double[] values = psd.values();
        int base = channel * psd.binCount();
        double sum = 0;
        if (rule == Integration.RECTANGLE) {
            for (int k = first; k < end; k++) {
                sum += values[base + k];
            }
            return sum * psd.binWidthHz();
        }
        for (int k = first + 1; k < end; k++) {
            sum += (freqs[k] - freqs[k - 1]) * (values[base + k] + values[base + k - 1]) / 2.0;
        }
        return sum;
    }
}
