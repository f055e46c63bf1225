package org.neurostream.operators.online;

import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.neurostream.bci.pipeline.FeatureModel;
import org.neurostream.bci.pipeline.PipelineJson;

/**
 * Turns each trial's epoch into the feature vectors of the calibrated pipeline ({@link FeatureModel}, e.g. CSP
 * log-variances). An epoch of the signal's C channels gives one vector, used as both the static and the adaptive
 * features. An epoch of 2C channels (from a filter that adapts the channel gains, {@link StreamingFilterFunction})
 * holds the band-passed signal followed by its gain-adapted copy: the first C rows give the static features (exactly
 * what the static pipeline computes), the last C the adaptive ones ({@link TrialFeatures}); in a run that does not
 * adapt the gains (restored from a savepoint of one that did) only the first C are used, for both. Stateless: the
 * fitted extractor is fixed; the pipeline travels as its JSON text and is parsed once per task in {@link #open}.
 */
public final class FeatureFunction extends RichMapFunction<TrialEpoch, TrialFeatures> {
    private static final long serialVersionUID = 1L;

    private final String pipelineJson;
    private final String pipelineName;
    private final int channelCount;
    private final boolean adaptsGains;
    private transient FeatureModel features;

    /**
     * @param pipelineJson the calibrated pipeline ({@link PipelineJson#toJson})
     * @param pipelineName where it came from, for error messages
     * @param channelCount channels of the signal (C)
     * @param adaptsGains whether this run adapts the channel gains (the adaptive features come from the gain-adapted
     *     copy)
     */
    public FeatureFunction(String pipelineJson, String pipelineName, int channelCount, boolean adaptsGains) {
        this.pipelineJson = pipelineJson;
        this.pipelineName = pipelineName;
        this.channelCount = channelCount;
        this.adaptsGains = adaptsGains;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        features = PipelineJson.parse(pipelineJson, pipelineName).features();
    }

    @Override
    public TrialFeatures map(TrialEpoch epoch) {
        double[][] rows = epoch.toMatrix();
        double[] staticFeatures;
        double[] adaptive;
        if (rows.length == channelCount) {
            staticFeatures = features.transform(rows);
            adaptive = staticFeatures;
        } else if (rows.length == 2 * channelCount) {
            staticFeatures = features.transform(Arrays.copyOfRange(rows, 0, channelCount));
            adaptive = adaptsGains ? features.transform(Arrays.copyOfRange(rows, channelCount, 2 * channelCount))
                    : staticFeatures;
        } else {
            throw new IllegalArgumentException("Trial '" + epoch.label() + "' at " + epoch.cueSeconds() + " s of '"
                    + epoch.recording() + "' has " + rows.length + " channels; " + pipelineName + " expects "
                    + channelCount + " (or " + 2 * channelCount + ": the signal and its gain-adapted copy).");
        }
        return new TrialFeatures(epoch.sessionKey(), epoch.recording(), epoch.label(), epoch.cueSeconds(), adaptive,
                staticFeatures, epoch.lastSampleArrivalMicros(), epoch.lastSampleDueMicros());
    }
}
