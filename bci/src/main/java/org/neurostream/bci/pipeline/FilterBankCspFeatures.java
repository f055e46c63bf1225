package org.neurostream.bci.pipeline;

import java.util.List;
import org.neurostream.bci.evaluate.Split;
import org.neurostream.bci.evaluate.Splitters;
import org.neurostream.bci.filter.BandType;
import org.neurostream.bci.filter.IirDesign;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.bci.select.FeatureScores;
import org.neurostream.bci.spatial.CspModel;
import org.neurostream.bci.spatial.CspParams;
import org.neurostream.bci.spectral.FrequencyBand;

/**
 * Filter-bank CSP (Ang et al., "Filter Bank Common Spatial Pattern", IJCNN 2008): each epoch is band-passed into every
 * band (Butterworth of {@code filterOrder}, zero-phase as {@code scipy.signal.sosfiltfilt}), one CSP per band gives
 * {@code csp.nComponents()} log-variance features, the band features are concatenated, and the {@code selectK}
 * features with the largest Fisher score are kept. Scores and the classifier's training features are computed
 * out-of-fold (see {@link #fitForClassifier}).
 *
 * <p>Selection rule: ranking by Fisher score replaces FBCSP's mutual-information ranking (MIBIF); both rank single
 * features by class separability, the Fisher score needs no density estimate, and it is the score shown in the
 * calibration report. Selected features keep their ranking order.
 *
 * @param bands frequency bands, Hz
 * @param filterOrder Butterworth order of each band-pass
 * @param csp CSP parameters used in every band
 * @param selectK number of features kept (≤ bands × components)
 */
public record FilterBankCspFeatures(List<FrequencyBand> bands, int filterOrder, CspParams csp, int selectK)
        implements FeatureSpec {

    /** Folds of the inner cross-fitting that gives the classifier out-of-fold training features. */
    public static final int INNER_FOLDS = 5;

    /** Nine 4-Hz bands from 4 to 40 Hz, order 4, CSP with 4 components, the 8 best features. */
    public static FilterBankCspFeatures defaults() {
        List<FrequencyBand> bands = java.util.stream.IntStream.range(0, 9)
                .mapToObj(i -> new FrequencyBand(4 + 4 * i, 8 + 4 * i)).toList();
        return new FilterBankCspFeatures(bands, 4, CspParams.defaults(4), 8);
    }

    public FilterBankCspFeatures {
        bands = List.copyOf(bands);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("Filter-bank CSP needs at least one band.");
        }
    }

    @Override
    public String name() {
        return "fbcsp";
    }

    @Override
    public Model fit(double[][][] x, int[] y, double sampleRateHz) {
        return (Model) fitForClassifier(x, y, sampleRateHz).model();
    }

    /**
     * Fits the per-band CSPs on all epochs, but ranks the features and returns the classifier's training features
     * out-of-fold: each training epoch's features come from CSPs fitted without it ({@value #INNER_FOLDS}-fold
     * stratified cross-fitting). In-sample CSP features are optimistically separated (the filters are tuned to exactly
     * those epochs; with 64 channels and narrow bands the training classes separate perfectly) and sit far from the
     * features of unseen epochs, so an LDA trained on them puts its threshold where no test epoch lies: accuracy at
     * chance with a good ROC-AUC. Out-of-fold features are distributed as test features are.
     */
    @Override
    public FeatureSpec.Fitted fitForClassifier(double[][][] x, int[] y, double sampleRateHz) {
        int nBands = bands.size();
        int nComp = csp.nComponents();
        if (selectK < 1 || selectK > nBands * nComp) {
            throw new IllegalArgumentException("Invalid value for the 'selectK' parameter: it must be between 1 and "
                    + nBands * nComp + " (bands × components), but got " + selectK + " instead.");
        }
        SosCoefficients[] sos = designs(sampleRateHz);
        CspModel[] models = new CspModel[nBands];
        double[][] outOfFold = new double[x.length][nBands * nComp];
        List<Split> folds = Splitters.stratifiedKFold(y, INNER_FOLDS);
        for (int b = 0; b < nBands; b++) {
            double[][][] xb = new double[x.length][][];
            for (int e = 0; e < x.length; e++) {
                xb[e] = EpochFiltering.filtfilt(sos[b], x[e]);
            }
            models[b] = csp.fit(xb, y);
            for (Split fold : folds) {
                CspModel inner = csp.fit(pick(xb, fold.train()), pickLabels(y, fold.train()));
                for (int e : fold.test()) {
                    System.arraycopy(inner.transform(xb[e]), 0, outOfFold[e], b * nComp, nComp);
                }
            }
        }
        int[] selected = FeatureScores.topK(FeatureScores.fisher(outOfFold, y), selectK);
        double[][] training = new double[x.length][];
        for (int e = 0; e < x.length; e++) {
            training[e] = FeatureScores.pick(outOfFold[e], selected);
        }
        return new FeatureSpec.Fitted(new Model(bands, filterOrder, sampleRateHz, List.of(models), selected), training);
    }

    private static double[][][] pick(double[][][] x, int[] idx) {
        return java.util.Arrays.stream(idx).mapToObj(i -> x[i]).toArray(double[][][]::new);
    }

    private static int[] pickLabels(int[] y, int[] idx) {
        return java.util.Arrays.stream(idx).map(i -> y[i]).toArray();
    }

    private SosCoefficients[] designs(double sampleRateHz) {
        return designs(bands, filterOrder, sampleRateHz);
    }

    static SosCoefficients[] designs(List<FrequencyBand> bands, int order, double sampleRateHz) {
        return bands.stream().map(b -> IirDesign.butterworth(order, BandType.BANDPASS, sampleRateHz, b.lowHz(),
                b.highHz())).toArray(SosCoefficients[]::new);
    }

    /**
     * @param bands the bands
     * @param filterOrder Butterworth order
     * @param sampleRateHz rate the band-pass filters were designed for
     * @param csp one fitted CSP per band
     * @param selected indices (band·components + component) of the kept features, best first
     */
    public record Model(List<FrequencyBand> bands, int filterOrder, double sampleRateHz, List<CspModel> csp,
            int[] selected) implements FeatureModel {
        @Override
        public int nFeatures() {
            return selected.length;
        }

        @Override
        public double[] transform(double[][] epoch) {
            SosCoefficients[] sos = designs(bands, filterOrder, sampleRateHz);
            int nComp = csp.get(0).nComponents();
            double[] all = new double[bands.size() * nComp];
            for (int b = 0; b < bands.size(); b++) {
                System.arraycopy(csp.get(b).transform(EpochFiltering.filtfilt(sos[b], epoch)), 0, all, b * nComp, nComp);
            }
            return FeatureScores.pick(all, selected);
        }
    }
}
