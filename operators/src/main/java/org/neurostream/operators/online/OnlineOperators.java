package org.neurostream.operators.online;

import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.neurostream.bci.epoch.EpochParameters;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.record.StreamData;

/**
 * Chains the online operators: keyed filter (band-pass, and with a reference the channel gain adaptation, whose
 * output then carries the band-passed signal and its gain-adapted copy) → epocher → features (static and
 * adaptive) → learning classifier (a guard's calibrated expert on the static features, the learner on the adaptive
 * ones). The stream is keyed once;
 * later stages reinterpret it as keyed by the same key, so all stages stay chained in one task (no network buffers on
 * the decision path).
 */
public final class OnlineOperators {
    /**
     * Largest time between consecutive samples of a key that the filter still treats as one continuous signal, s;
     * after a longer gap the band-pass restarts from the steady state of the next sample
     * ({@link StreamingFilterFunction}). A replay of consecutive recordings must leave more than this between them
     * for each to start afresh.
     */
    public static final double MAX_GAP_SECONDS = 1.0;

    private OnlineOperators() {}

    /**
     * @param signalAndMarkers the signal chunks and the cue markers, with {@link ChunkEndWatermarks} (or other)
     *     event time
     * @param keys the session key of each element
     * @param filter the causal band-pass, designed for the signal's rate
     * @param channelCount signal channels
     * @param classNames cue marker texts, indexed by class code
     * @param window the epoch window
     * @param sampleRateHz signal rate
     * @param pipelineJson the calibrated pipeline
     * @param pipelineName where it came from
     * @param nFeatures feature vector length
     * @param adaptation the online learner
     * @param fromScratch true to ignore the calibrated classifier and start learning from nothing
     * @param replaySpeed the pace of a paced replay feeding the job (1 = real time), or
     *     {@link Double#POSITIVE_INFINITY} for live or unpaced input; decides where the decision latency starts
     *     ({@link Prediction#latencyMicros})
     * @param gainReference the calibration's band-passed mean square per channel, µV²; with
     *     {@link Adaptation#adaptsGains()} the channel gains adapt towards it before the spatial filter; null = they
     *     do not
     */
    public static DataStream<Prediction> predictions(DataStream<StreamData> signalAndMarkers,
            SessionKeySelector keys, SosCoefficients filter, int channelCount, List<String> classNames,
            EpochParameters window, double sampleRateHz, String pipelineJson, String pipelineName, int nFeatures,
            Adaptation adaptation, boolean fromScratch, double replaySpeed, double[] gainReference) {
        KeyedStream<StreamData, String> keyed = signalAndMarkers.keyBy(keys);
        boolean gains = gainReference != null && adaptation.adaptsGains();
        DataStream<StreamData> filtered = keyed
                .process(new StreamingFilterFunction(filter, channelCount, MAX_GAP_SECONDS, gains ? gainReference : null,
                        adaptation.gainTimeConstantSeconds()), NeurostreamTypes.STREAM_DATA)
                .name("filter").uid("online-filter");
        DataStream<TrialEpoch> epochs = DataStreamUtils.reinterpretAsKeyedStream(filtered, keys)
                .process(new EpocherFunction(classNames, window, sampleRateHz,
                        window.tmaxSeconds() - window.tminSeconds() + 5.0, keys, replaySpeed), OnlineTypes.TRIAL_EPOCH)
                .name("epocher").uid("online-epocher");
        DataStream<TrialFeatures> features = epochs
                .map(new FeatureFunction(pipelineJson, pipelineName, channelCount, gains), OnlineTypes.TRIAL_FEATURES)
                .name("features").uid("online-features");
        return DataStreamUtils.reinterpretAsKeyedStream(features, TrialFeatures::sessionKey)
                .process(new ClassifierFunction(fromScratch ? null : pipelineJson, pipelineName, classNames, nFeatures,
                        adaptation), OnlineTypes.PREDICTION)
                .name("classifier").uid("online-classifier");
    }
}
