package org.neurostream.bci.spectral;

/**
 * Per-channel one-sided power spectra on a common frequency grid.
 *
 * @param frequenciesHz bin frequencies in Hz, ascending from 0
 * @param channelCount  number of channels
 * @param values        channel-major power: channel {@code c}, bin {@code f} at {@code values[c * binCount + f]};
 *                      units²/Hz for density scaling, units² for spectrum scaling
 */
public record PowerSpectrum(double[] frequenciesHz, int channelCount, double[] values) {

    public PowerSpectrum {
        if (values.length != channelCount * frequenciesHz.length) {
            throw new IllegalArgumentException("Power spectrum of " + channelCount + " channels × "
                    + frequenciesHz.length + " bins cannot hold " + values.length + " values.");
        }
    }

    /** Number of frequency bins. */
    public int binCount() {
        return frequenciesHz.length;
    }

    /** Power of channel {@code channel} at bin {@code bin}. */
    public double value(int channel, int bin) {
        return values[channel * frequenciesHz.length + bin];
    }

    /** Copy of one channel's spectrum. */
    public double[] channel(int channel) {
        return java.util.Arrays.copyOfRange(values, channel * frequenciesHz.length,
                (channel + 1) * frequenciesHz.length);
    }

    /** Frequency resolution in Hz (spacing of the bins). */
    public double binWidthHz() {
        return frequenciesHz.length > 1 ? frequenciesHz[1] - frequenciesHz[0] : 0;
    }
}
