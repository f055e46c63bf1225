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
     * A fitted PSD feature extractor. Only the channels that hold a selected feature are transformed; the Welch
     * estimator is built once.
     */
    public static final class Model implements FeatureModel {
        private final double sampleRateHz;
        private final int segmentSamples;
        private final int[] bins;
        private final int nChannels;
        private final int[] selected;
        private final int[] channelsUsed;
        private final int[] selectedRow;
        private final int[] selectedBin;
        private Welch welch;
        private int welchLength = -1;

        /**
         * @param sampleRateHz sampling rate, Hz
         * @param segmentSamples Welch segment length in samples
         * @param bins Welch bin indices of the map's frequency axis
         * @param nChannels channels in the map
         * @param selected indices into the channel-major (channel, bin) map, best first
         */
        public Model(double sampleRateHz, int segmentSamples, int[] bins, int nChannels, int[] selected) {
            this.sampleRateHz = sampleRateHz;
            this.segmentSamples = segmentSamples;
            this.bins = bins.clone();
            this.nChannels = nChannels;
            this.selected = selected.clone();
            this.channelsUsed = java.util.Arrays.stream(selected).map(i -> i / bins.length).distinct().sorted().toArray();
            this.selectedRow = new int[selected.length];
            this.selectedBin = new int[selected.length];
            for (int i = 0; i < selected.length; i++) {
                selectedRow[i] = java.util.Arrays.binarySearch(channelsUsed, selected[i] / bins.length);
                selectedBin[i] = bins[selected[i] % bins.length];
            }
        }

        public double sampleRateHz() {
            return sampleRateHz;
        }

        public int segmentSamples() {
            return segmentSamples;
        }

        public int[] bins() {
            return bins.clone();
        }

        public int nChannels() {
            return nChannels;
        }

        public int[] selected() {
            return selected.clone();
        }

        @Override
        public int nFeatures() {
            return selected.length;
        }

        @Override
        public double[] transform(double[][] epoch) {
            if (epoch.length != nChannels) {
                throw new IllegalArgumentException("PSD features were fitted on " + nChannels + " channels but the epoch"
                        + " has " + epoch.length + ".");
            }
            int nT = epoch[0].length;
            Welch w = welch(nT);
            double[] flat = new double[channelsUsed.length * nT];
            for (int i = 0; i < channelsUsed.length; i++) {
                System.arraycopy(epoch[channelsUsed[i]], 0, flat, i * nT, nT);
            }
            PowerSpectrum psd = w.psd(flat, channelsUsed.length);
            double[] out = new double[selected.length];
            for (int i = 0; i < selected.length; i++) {
                out[i] = Math.log10(psd.value(selectedRow[i], selectedBin[i]));
            }
            return out;
        }

        /** The Welch estimator for this epoch length (built on first use; not thread-safe). */
        private synchronized Welch welch(int nT) {
            if (welch == null || welchLength != nT) {
                welch = new Welch(WelchParameters.of("hann", Math.min(segmentSamples, nT)), sampleRateHz);
                welchLength = nT;
            }
            return welch;
        }
    }
}
