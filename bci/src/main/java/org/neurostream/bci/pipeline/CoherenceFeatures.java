package org.neurostream.bci.pipeline;

import java.util.List;
import org.neurostream.bci.select.FeatureScores;
import org.neurostream.bci.spectral.Coherence;
import org.neurostream.bci.spectral.FrequencyBand;
import org.neurostream.bci.spectral.NodeStrength;
import org.neurostream.bci.spectral.Welch;
import org.neurostream.bci.spectral.WelchParameters;

/**
 * Functional-connectivity features as HappyFeat's: magnitude-squared coherence between all channel pairs (Welch cross
 * spectra, Hann segments of {@code segmentSeconds} with half overlap), node strength of every channel in every band,
 * and the {@code selectK} (channel, band) strengths with the largest Fisher score on the training epochs.
 *
 * @param bands frequency bands, Hz
 * @param segmentSeconds Welch segment length in seconds (clipped to the epoch length)
 * @param selectK number of (channel, band) features kept
 */
public record CoherenceFeatures(List<FrequencyBand> bands, double segmentSeconds, int selectK) implements FeatureSpec {

    /** Alpha (8–12 Hz) and beta (13–30 Hz), half-second segments, the 10 best features. */
    public static CoherenceFeatures defaults() {
        return new CoherenceFeatures(List.of(new FrequencyBand(8, 12), new FrequencyBand(13, 30)), 0.5, 10);
    }

    public CoherenceFeatures {
        bands = List.copyOf(bands);
        if (!(segmentSeconds > 0)) {
            throw new IllegalArgumentException("segmentSeconds must be positive, but got " + segmentSeconds + ".");
        }
    }

    @Override
    public String name() {
        return "coh";
    }

    static double[] strengths(double[][] epoch, double sampleRateHz, int segmentSamples, List<FrequencyBand> bands) {
        int seg = Math.min(segmentSamples, epoch[0].length);
        Welch welch = new Welch(WelchParameters.of("hann", seg), sampleRateHz);
        var msc = Coherence.magnitudeSquared(welch.crossSpectra(EpochFiltering.flatten(epoch), epoch.length));
        double[] out = new double[epoch.length * bands.size()];
        for (int b = 0; b < bands.size(); b++) {
            double[] s = NodeStrength.compute(msc, bands.get(b));
            for (int c = 0; c < epoch.length; c++) {
                out[c * bands.size() + b] = s[c];
            }
        }
        return out;
    }

    @Override
    public Model fit(double[][][] x, int[] y, double sampleRateHz) {
        int segmentSamples = (int) Math.round(segmentSeconds * sampleRateHz);
        double[][] all = new double[x.length][];
        for (int e = 0; e < x.length; e++) {
            all[e] = strengths(x[e], sampleRateHz, segmentSamples, bands);
        }
        int[] selected = FeatureScores.topK(FeatureScores.fisher(all, y), Math.min(selectK, all[0].length));
        return new Model(bands, segmentSamples, sampleRateHz, selected);
    }

    /**
     * @param bands the bands
     * @param segmentSamples Welch segment length
     * @param sampleRateHz sampling rate, Hz
     * @param selected indices into the channel-major (channel, band) strengths, best first
     */
    public record Model(List<FrequencyBand> bands, int segmentSamples, double sampleRateHz, int[] selected)
            implements FeatureModel {
        @Override
        public int nFeatures() {
            return selected.length;
        }

        @Override
        public double[] transform(double[][] epoch) {
            return FeatureScores.pick(strengths(epoch, sampleRateHz, segmentSamples, bands), selected);
        }
    }
}
