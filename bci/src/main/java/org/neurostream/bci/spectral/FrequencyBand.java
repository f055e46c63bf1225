package org.neurostream.bci.spectral;

/**
 * A frequency band {@code [lowHz, highHz]}; both edges are inclusive when selecting bins.
 *
 * @param lowHz  lower edge in Hz (>= 0)
 * @param highHz upper edge in Hz (> lowHz)
 */
public record FrequencyBand(double lowHz, double highHz) {

    public FrequencyBand {
        if (!(lowHz >= 0) || !(highHz > lowHz) || Double.isInfinite(highHz)) {
            throw new IllegalArgumentException("A frequency band needs 0 <= lowHz < highHz (finite), but got ["
                    + lowHz + ", " + highHz + "] Hz.");
        }
    }

    /** Whether {@code frequencyHz} lies in the band (edges included). */
    public boolean contains(double frequencyHz) {
        return frequencyHz >= lowHz && frequencyHz <= highHz;
    }

    /** Index of the first bin in the band, failing with a message naming the band when none is. */
    int firstBin(double[] frequenciesHz) {
        for (int k = 0; k < frequenciesHz.length; k++) {
            if (contains(frequenciesHz[k])) {
                return k;
            }
        }
        throw new IllegalArgumentException("No frequency bin lies in [" + lowHz + ", " + highHz + "] Hz; the bins "
                + "span " + frequenciesHz[0] + ".." + frequenciesHz[frequenciesHz.length - 1] + " Hz with spacing "
                + (frequenciesHz.length > 1 ? frequenciesHz[1] - frequenciesHz[0] : 0) + " Hz.");
    }

    /** Index one past the last bin in the band (bins are ascending). */
    int endBin(double[] frequenciesHz) {
        int end = firstBin(frequenciesHz);
        while (end < frequenciesHz.length && contains(frequenciesHz[end])) {
            end++;
        }
        return end;
    }
}
