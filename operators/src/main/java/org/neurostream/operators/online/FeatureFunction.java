package org.neurostream.operators.online;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.neurostream.bci.pipeline.FeatureModel;
import org.neurostream.bci.pipeline.PipelineJson;

/**
 * Turns each trial's epoch into the feature vector of the calibrated pipeline ({@link FeatureModel}, e.g. CSP
 * log-variances). Stateless: the fitted extractor is fixed; the pipeline travels as its JSON text and is parsed once
 * per task in {@link #open}.
 */
public final class FeatureFunction extends RichMapFunction<TrialEpoch, TrialFeatures> {
    private static final long serialVersionUID = 1L;

    private final String pipelineJson;
    private final String pipelineName;
    private transient FeatureModel features;

    /**
     * @param pipelineJson the calibrated pipeline ({@link PipelineJson#toJson})
     * @param pipelineName where it came from, for error messages
     */
    public FeatureFunction(String pipelineJson, String pipelineName) {
        this.pipelineJson = pipelineJson;
        this.pipelineName = pipelineName;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        features = PipelineJson.parse(pipelineJson, pipelineName).features();
    }

    @Override
    public TrialFeatures map(TrialEpoch epoch) {
        return new TrialFeatures(epoch.sessionKey(), epoch.recording(), epoch.label(), epoch.cueSeconds(),
                features.transform(epoch.toMatrix()), epoch.lastSampleArrivalMicros(),
                epoch.lastSampleDueMicros());
    }
}
