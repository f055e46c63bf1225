package org.neurostream.bci.pipeline;

import org.neurostream.bci.select.FeatureScores;
import org.neurostream.bci.spectral.PowerSpectrum;
import org.neurostream.bci.spectral.Welch;
import org.neurostream.bci.spectral.WelchParameters;

/**
 * Spectral power features as HappyFeat's "PSD" path: per channel the Welch PSD (Hann window of
 * {@code segmentSeconds}, half overlap, as {@code scipy.signal.welch}), log10, at the bins in
 * [{@code minHz}, {@code maxHz}]; the {@code selectK} (channel, bin) features with the largest |signed R²| on the
 * training epochs are kept (HappyFeat's automatic selection on the R² map).
 *
 * @param minHz lowest frequency kept, Hz
 * @param maxHz highest frequency kept, Hz
 * @param segmentSeconds Welch segment length in seconds (clipped to the epoch length)
 * @param selectK number of (channel, bin) features kept
 */
public record PsdFeatures(double minHz, double maxHz, double segmentSeconds, int selectK) implements FeatureSpec {

    /** 4–40 Hz, one-second segments, the 10 best features. */
    public static PsdFeatures defaults() {
        return new PsdFeatures(4, 40, 1.0, 10);
    }

    public PsdFeatures {
        if (!(segmentSeconds > 0)) {
            throw new IllegalArgumentException("segmentSeconds must be positive, but got " + segmentSeconds + ".");
        }
    }

    @Override
    public String name() {
        return "psd";
    }

    /** The log10 PSD map [nChannels·nBins] (channel-major) and the bin frequencies of one epoch. */
    static double[] logPsdMap(double[][] epoch, double sampleRateHz, int segmentSamples, int[] bins) {
        int nT = epoch[0].length;
        int seg = Math.min(segmentSamples, nT);
        Welch welch = new Welch(WelchParameters.of("hann", seg), sampleRateHz);
        PowerSpectrum psd = welch.psd(EpochFiltering.flatten(epoch), epoch.length);
        double[] out = new double[epoch.length * bins.length];
        for (int c = 0; c < epoch.length; c++) {
            for (int b = 0; b < bins.length; b++) {
                out[c * bins.length + b] = Math.log10(psd.value(c, bins[b]));
            }
        }
        return out;
    }

    /** Indices of the Welch bins within [minHz, maxHz] for this epoch length. */
    static int[] bins(double minHz, double maxHz, int segmentSamples, int nTimes, double sampleRateHz) {
        int seg = Math.min(segmentSamples, nTimes);
        double[] f = new Welch(WelchParameters.of("hann", seg), sampleRateHz).frequenciesHz();
        return java.util.stream.IntStream.range(0, f.length).filter(i -> f[i] >= minHz && f[i] <= maxHz).toArray();
    }

    @Override
    public Model fit(double[][][] x, int[] y, double sampleRateHz) {
        int nT = x[0][0].length;
        int segmentSamples = (int) Math.round(segmentSeconds * sampleRateHz);
        int[] bins = bins(minHz, maxHz, segmentSamples, nT, sampleRateHz);
        if (bins.length == 0) {
            throw new IllegalArgumentException("No Welch frequency bin lies in [" + minHz + ", " + maxHz + "] Hz for "
                    + nT + "-sample epochs at " + sampleRateHz + " Hz.");
        }
        double[][] maps = new double[x.length][];
        for (int e = 0; e < x.length; e++) {
            maps[e] = logPsdMap(x[e], sampleRateHz, segmentSamples, bins);
        }
        int k = Math.min(selectK, maps[0].length);
        int[] selected = FeatureScores.topK(FeatureScores.signedR2(maps, y), k);
        return new Model(sampleRateHz, segmentSamples, bins, x[0].length, selected);
    }

    /**
     * @param sampleRateHz sampling rate, Hz
     * @param segmentSamples Welch segment length
     * @param bins Welch bin indices of the map's frequency axis
     * @param nChannels channels in the map
     * @param selected indices into the channel-major (channel, bin) map, best first
     */
    public record Model(double sampleRateHz, int segmentSamples, int[] bins, int nChannels, int[] selected)
            implements FeatureModel {
        @Override
        public int nFeatures() {
            return selected.length;
        }

        @Override
        public double[] transform(double[][] epoch) {
            return FeatureScores.pick(logPsdMap(epoch, sampleRateHz, segmentSamples, bins), selected);
        }
    }
}
