package org.neurostream.bci.spectral;

/**
 * Coherence between all channel pairs from Welch cross spectra.
 *
 * <ul>
 *   <li>Magnitude-squared coherence {@code |S_xy|² / (S_xx · S_yy)}, as {@code scipy.signal.coherence} (which uses
 *       the same Welch settings for all three spectra).</li>
 *   <li>Imaginary coherence {@code Im(S_xy) / sqrt(S_xx · S_yy)} (Nolte et al. 2004): the imaginary part of coherency,
 *       insensitive to zero-lag (volume-conducted) coupling; antisymmetric in (x, y).</li>
 * </ul>
 */
public final class Coherence {

    private Coherence() {
    }

    /** Magnitude-squared coherence of every ordered pair. */
    public static ConnectivitySpectrum magnitudeSquared(CrossSpectra spectra) {
        int c = spectra.channelCount();
        int bins = spectra.binCount();
        double[] re = spectra.real();
        double[] im = spectra.imaginary();
        double[] out = new double[re.length];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                for (int f = 0; f < bins; f++) {
                    int idx = spectra.index(i, j, f);
                    double sxx = re[spectra.index(i, i, f)];
                    double syy = re[spectra.index(j, j, f)];
                    double mag = Math.hypot(re[idx], im[idx]);
                    out[idx] = mag * mag / sxx / syy;
                }
            }
        }
        return new ConnectivitySpectrum(spectra.frequenciesHz(), c, out);
    }

    /** Imaginary part of coherency of every ordered pair. */
    public static ConnectivitySpectrum imaginary(CrossSpectra spectra) {
        int c = spectra.channelCount();
        int bins = spectra.binCount();
        double[] re = spectra.real();
        double[] im = spectra.imaginary();
        double[] out = new double[re.length];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                for (int f = 0; f < bins; f++) {
                    int idx = spectra.index(i, j, f);
                    out[idx] = im[idx] / Math.sqrt(re[spectra.index(i, i, f)] * re[spectra.index(j, j, f)]);
                }
            }
        }
        return new ConnectivitySpectrum(spectra.frequenciesHz(), c, out);
    }
}
