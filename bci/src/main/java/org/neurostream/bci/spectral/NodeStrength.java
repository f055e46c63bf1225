package org.neurostream.bci.spectral;

/**
 * Node strength of a functional-connectivity graph per channel and band, the connectivity feature of HappyFeat
 * (Cattai et al., "Phase/amplitude synchronization of brain signals during motor imagery BCI tasks", IEEE TNSRE 2021;
 * HappyFeat computes it in its OpenViBE/Timeflux extraction stage and stores it as channels × bins):
 *
 * <pre>strength(i, band) = Σ_{j ≠ i} mean_{f ∈ band} W(i, j, f)</pre>
 *
 * where {@code W} is the connectivity spectrum given (HappyFeat uses the absolute imaginary coherence,
 * {@code Coherence.imaginary(...).abs()}, or the magnitude-squared coherence). Band bins are selected with both edges
 * inclusive. The self-connection {@code j = i} is excluded.
 */
public final class NodeStrength {

    private NodeStrength() {
    }

    /** Strength of every channel in {@code band}: {@code channelCount} values. */
    public static double[] compute(ConnectivitySpectrum connectivity, FrequencyBand band) {
        double[] freqs = connectivity.frequenciesHz();
        int first = band.firstBin(freqs);
        int end = band.endBin(freqs);
        int c = connectivity.channelCount();
        int bins = connectivity.binCount();
        double[] values = connectivity.values();
        double[] out = new double[c];
        for (int i = 0; i < c; i++) {
            double strength = 0;
            for (int j = 0; j < c; j++) {
                if (j == i) {
                    continue;
                }
                int base = (i * c + j) * bins;
                double sum = 0;
                for (int f = first; f < end; f++) {
                    sum += values[base + f];
                }
                strength += sum / (end - first);
            }
            out[i] = strength;
        }
        return out;
    }
}
