package org.neurostream.bci.pipeline;

import java.util.List;
import org.neurostream.bci.Checks;
import org.neurostream.bci.classify.ClassifierModel;
import org.neurostream.bci.classify.ClassifierSpec;
import org.neurostream.bci.classify.LdaParams;
import org.neurostream.bci.classify.LogisticRegressionParams;
import org.neurostream.bci.spatial.CspParams;

/**
 * What to calibrate: the band-pass applied to the continuous recording (MNE's default FIR, applied by the caller
 * before epoching), the epoch window relative to each cue, the feature extractor and the classifier.
 *
 * @param name pipeline name (csp-lda, fbcsp-lda, psd-lda, coh-lda, ts-lr, or a custom one)
 * @param lowHz lower pass-band edge of the recording filter, Hz
 * @param highHz upper pass-band edge, Hz
 * @param tminSeconds epoch start relative to the cue, s
 * @param tmaxSeconds epoch end relative to the cue (inclusive sample), s
 * @param features feature extractor
 * @param classifier classifier
 */
public record PipelineSpec(String name, double lowHz, double highHz, double tminSeconds, double tmaxSeconds,
        FeatureSpec features, ClassifierSpec classifier) {

    /** The named pipelines of the calibrate command. */
    public static final List<String> NAMES = List.of("csp-lda", "fbcsp-lda", "psd-lda", "coh-lda", "ts-lr");

    public PipelineSpec {
        if (!(lowHz >= 0 && highHz > lowHz)) {
            throw new IllegalArgumentException("The band-pass needs 0 <= lowHz < highHz, but got " + lowHz + " and "
                    + highHz + " Hz.");
        }
        if (!(tmaxSeconds > tminSeconds)) {
            throw new IllegalArgumentException("The epoch window needs tmin < tmax, but got " + tminSeconds + " and "
                    + tmaxSeconds + " s.");
        }
    }

    /**
     * A named pipeline with its default band and window: CSP/FBCSP/TS use 7–30 Hz (FBCSP 4–40 Hz) and 1–2 s after the
     * cue, as MNE's CSP example; PSD and coherence use 4–40 Hz and 0.5–2.5 s.
     */
    public static PipelineSpec named(String name) {
        Checks.checkOption("pipeline", name, NAMES);
        return switch (name) {
            case "csp-lda" -> new PipelineSpec(name, 7, 30, 1, 2, new CspFeatures(CspParams.defaults(4)),
                    LdaParams.shrinkageAuto());
            case "fbcsp-lda" -> new PipelineSpec(name, 4, 40, 1, 2, FilterBankCspFeatures.defaults(),
                    LdaParams.shrinkageAuto());
            case "psd-lda" -> new PipelineSpec(name, 4, 40, 0.5, 2.5, PsdFeatures.defaults(),
                    LdaParams.shrinkageAuto());
            case "coh-lda" -> new PipelineSpec(name, 4, 40, 0.5, 2.5, CoherenceFeatures.defaults(),
                    LdaParams.shrinkageAuto());
            default -> new PipelineSpec(name, 7, 30, 1, 2, new TangentSpaceFeatures("lwf"),
                    LogisticRegressionParams.defaults());
        };
    }

    /**
     * Fits features and classifier on epochs [nEpochs][nChannels][nTimes] that were filtered and cut with this spec.
     *
     * @param channels channel labels, in data order
     * @param classNames class names, indexed by class code (code k is {@code classNames.get(k)})
     */
    public Pipeline fit(double[][][] x, int[] y, List<String> channels, double sampleRateHz, List<String> classNames) {
        Checks.checkEpochs("X", x);
        if (channels.size() != x[0].length) {
            throw new IllegalArgumentException(channels.size() + " channel labels for epochs of " + x[0].length
                    + " channels.");
        }
        FeatureSpec.Fitted fitted = features.fitForClassifier(x, y, sampleRateHz);
        FeatureModel featureModel = fitted.model();
        ClassifierModel classifierModel = classifier.fit(fitted.trainingFeatures(), y);
        return new Pipeline(Pipeline.FORMAT_VERSION, this, channels, sampleRateHz, classNames, featureModel,
                classifierModel, null);
    }
}
