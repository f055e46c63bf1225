package org.neurostream.bci.spectral;

/**
 * Welch cross-spectral densities between all channel pairs, {@code S_xy = mean(conj(X) · Y) × scale} as
 * {@code scipy.signal.csd(x, y)} (one-sided), for every ordered pair.
 *
 * @param frequenciesHz bin frequencies in Hz
 * @param channelCount  number of channels C
 * @param real          real parts: pair {@code (i, j)}, bin {@code f} at {@code ((i * C) + j) * binCount + f}
 * @param imaginary     imaginary parts, same layout; the diagonal holds the (real) auto-spectra
 */
public record CrossSpectra(double[] frequenciesHz, int channelCount, double[] real, double[] imaginary) {

    public CrossSpectra {
        int expected = channelCount * channelCount * frequenciesHz.length;
        if (real.length != expected || imaginary.length != expected) {
            throw new IllegalArgumentException("Cross spectra of " + channelCount + " channels × "
                    + frequenciesHz.length + " bins need " + expected + " values per part, but got "
                    + real.length + " and " + imaginary.length + ".");
        }
    }

    /** Number of frequency bins. */
    public int binCount() {
        return frequenciesHz.length;
    }

    /** Index of pair (i, j) at bin f in {@link #real()} / {@link #imaginary()}. */
    public int index(int i, int j, int bin) {
        return (i * channelCount + j) * frequenciesHz.length + bin;
    }
}
