package org.neurostream.bci.spectral;

/**
 * A channel × channel connectivity value per frequency bin (coherence, imaginary coherence, ...).
 *
 * @param frequenciesHz bin frequencies in Hz
 * @param channelCount  number of channels C
 * @param values        pair {@code (i, j)}, bin {@code f} at {@code ((i * C) + j) * binCount + f}
 */
public record ConnectivitySpectrum(double[] frequenciesHz, int channelCount, double[] values) {

    public ConnectivitySpectrum {
        if (values.length != channelCount * channelCount * frequenciesHz.length) {
            throw new IllegalArgumentException("Connectivity of " + channelCount + " channels × "
                    + frequenciesHz.length + " bins cannot hold " + values.length + " values.");
        }
    }

    /** Number of frequency bins. */
    public int binCount() {
        return frequenciesHz.length;
    }

    /** Value for pair (i, j) at bin {@code bin}. */
    public double value(int i, int j, int bin) {
        return values[(i * channelCount + j) * frequenciesHz.length + bin];
    }

    /** A copy with every value replaced by its absolute value (e.g. |imaginary coherence|). */
    public ConnectivitySpectrum abs() {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(values[i]);
        }
        return new ConnectivitySpectrum(frequenciesHz, channelCount, out);
    }
}
