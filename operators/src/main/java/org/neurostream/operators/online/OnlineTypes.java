package org.neurostream.operators.online;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.neurostream.streams.flink.typeinfo.RecordTypeInfo;

/** Flink type information of the online job's records, each with its own serializer (never Kryo). */
public final class OnlineTypes {
    public static final TypeInformation<TrialEpoch> TRIAL_EPOCH =
            RecordTypeInfo.of(TrialEpoch.class, new TrialEpochSerializer());
    public static final TypeInformation<TrialFeatures> TRIAL_FEATURES =
            RecordTypeInfo.of(TrialFeatures.class, new TrialFeaturesSerializer());
    public static final TypeInformation<Prediction> PREDICTION =
            RecordTypeInfo.of(Prediction.class, new PredictionSerializer());
    public static final TypeInformation<ClassifierState> CLASSIFIER_STATE =
            RecordTypeInfo.of(ClassifierState.class, new ClassifierStateSerializer());
    public static final TypeInformation<FilterState> FILTER_STATE =
            RecordTypeInfo.of(FilterState.class, new FilterStateSerializer());
    public static final TypeInformation<BufferedChunk> BUFFERED_CHUNK =
            RecordTypeInfo.of(BufferedChunk.class, new BufferedChunkSerializer());

    private OnlineTypes() {}
}
