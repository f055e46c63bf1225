package org.neurostream.operators.online;

import java.util.List;
import java.util.zip.CRC32;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neurostream.bci.classify.ClassifierModel;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.bci.online.OnlineModel;
import org.neurostream.bci.online.PrequentialScore;
import org.neurostream.bci.pipeline.PipelineJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learning classifier: per key an {@link OnlineModel} in keyed state ({@link ClassifierState}), evaluated
 * prequentially. For each trial it first predicts and emits the {@link Prediction}, then uses the trial's label (the
 * cue marker, which reaches this operator only with the finished epoch, after the window's end) to learn. So no trial
 * is ever predicted by a model that has seen its label.
 *
 * <p>A key's model starts from the calibrated classifier (or from scratch when no calibration is given) the first time
 * the key is seen; afterwards it comes from state, including after a restore from a checkpoint or savepoint. A trial
 * whose cue is not after the last learned one (a replay of an already learned trial) is logged, counted
 * ({@code trialsDuplicate}) and skipped, so no trial is learned twice.
 */
public final class ClassifierFunction extends KeyedProcessFunction<String, TrialFeatures, Prediction> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierFunction.class);

    private final String pipelineJson;
    private final String pipelineName;
    private final List<String> classNames;
    private final int nFeatures;
    private final Adaptation adaptation;

    private transient ClassifierModel calibrated;
    private transient ValueState<ClassifierState> state;
    private transient Counter duplicates;
    private transient ClassifierStateSerializer digestSerializer;

    /**
     * @param pipelineJson the calibrated pipeline, or null to start every key from scratch
     * @param pipelineName where the pipeline came from, for messages
     * @param classNames class names, indexed by class code
     * @param nFeatures feature vector length (for models started from scratch)
     * @param adaptation the online learner and its parameters
     */
    public ClassifierFunction(String pipelineJson, String pipelineName, List<String> classNames, int nFeatures,
            Adaptation adaptation) {
        this.pipelineJson = pipelineJson;
        this.pipelineName = pipelineName;
        this.classNames = List.copyOf(classNames);
        this.nFeatures = nFeatures;
        this.adaptation = adaptation;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        calibrated = pipelineJson == null ? null : PipelineJson.parse(pipelineJson, pipelineName).classifier();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("classifier", OnlineTypes.CLASSIFIER_STATE));
        duplicates = getRuntimeContext().getMetricGroup().counter("trialsDuplicate");
        digestSerializer = new ClassifierStateSerializer();
    }

    private ClassifierState initial() {
        int[] codes = new int[classNames.size()];
        for (int k = 0; k < codes.length; k++) {
            codes[k] = k;
        }
        OnlineModel model = calibrated != null ? adaptation.start(calibrated)
                : adaptation.startFromScratch(codes, nFeatures);
        return new ClassifierState(model, PrequentialScore.empty(classNames.size()), java.util.Map.of());
    }

    /** CRC-32 of the state's serialized bytes. */
    private long digest(ClassifierState s) throws java.io.IOException {
        DataOutputSerializer bytes = new DataOutputSerializer(256);
        digestSerializer.serialize(s, bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes.getSharedBuffer(), 0, bytes.length());
        return crc.getValue();
    }

    @Override
    public void processElement(TrialFeatures trial, Context ctx, Collector<Prediction> out) throws Exception {
        ClassifierState current = state.value();
        if (current == null) {
            current = initial();
        }
        if (!current.isNew(trial.recording(), trial.cueSeconds())) {
            duplicates.inc();
            LOG.warn("Key {}: trial at {} s of {} is not after the last learned trial of that recording ({} s); it "
                    + "is skipped.", ctx.getCurrentKey(), trial.cueSeconds(), trial.recording(),
                    current.lastCueSeconds().get(trial.recording()));
            return;
        }
        int label = classNames.indexOf(trial.label());
        OnlineModel model = current.model();
        int predicted = model.predict(trial.staticFeatures(), trial.features());
        double[] decision = model.decision(trial.staticFeatures(), trial.features());
        double score = decision.length == 1 ? decision[0] : decision[predicted];
        PrequentialScore score2 = current.score().add(label, predicted);
        OnlineModel updated = model.observe(trial.staticFeatures(), trial.features())
                .learn(trial.staticFeatures(), trial.features(), label);
        long now = EpocherFunction.nowMicros();
        long latency = trial.lastSampleArrivalMicros() > 0 ? now - trial.lastSampleDueMicros() : -1;
        long inJobLatency = trial.lastSampleArrivalMicros() > 0 ? now - trial.lastSampleArrivalMicros() : -1;
        ClassifierState next = current.next(updated, score2, trial.recording(), trial.cueSeconds());
        out.collect(new Prediction(ctx.getCurrentKey(), trial.recording(), score2.trials(), trial.cueSeconds(),
                classNames.get(predicted), trial.label(), score, score2.accuracy(), score2.kappa(), latency,
                inJobLatency,
                updated.trialsLearned(), digest(next)));
        state.update(next);
    }
}
