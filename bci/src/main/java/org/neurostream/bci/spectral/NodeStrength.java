package org.neurostream.bci.spectral;

/**
 * Node strength of a functional-connectivity graph per channel and band, the connectivity feature of HappyFeat
 * (Inria-NERV/happyFeat; after Cattai et al., "Phase/amplitude synchronization of brain signals during motor imagery
 * BCI tasks", IEEE TNSRE 2021). HappyFeat's extraction scenario computes, per window, the imaginary part of coherency
 * with Welch's method (OpenViBE connectivity box, Nolte et al. 2004) between all electrode pairs, sums each
 * electrode's row over the other electrodes per frequency bin, and averages windows and then the selected bins:
 *
 * <pre>strength(i, band) = Σ_{j ≠ i} mean_{f ∈ band} W(i, j, f)</pre>
 *
 * (the sum over j and the mean over bins commute, so the order does not matter). {@code W} is the connectivity
 * spectrum given; for HappyFeat's feature pass the absolute imaginary coherence,
 * {@code Coherence.imaginary(...).abs()} (the sign of ImCoh only says which signal leads), or the magnitude-squared
 * coherence. Band bins are selected with both edges inclusive; the self-connection {@code j = i} is excluded.
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
