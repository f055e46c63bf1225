package org.neurostream.operators.video;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.neurostream.delta.net.DeltaState;
import org.neurostream.streams.flink.typeinfo.RecordTypeInfo;
import org.neurostream.video.delta.FrameDeltaMetrics;
import org.neurostream.video.delta.FrameInference;
import org.neurostream.video.frame.VideoData;

/**
 * Flink type information for the video values, each backed by its own serializer. The video and delta-layers modules
 * have no Flink dependency, so their types carry no {@code @TypeInfo}; pass these constants where Flink needs them
 * ({@code returns(...)}, output tags, state descriptors, sources).
 */
public final class VideoTypes {
    public static final TypeInformation<VideoData> VIDEO_DATA =
            RecordTypeInfo.of(VideoData.class, new VideoDataSerializer());
    public static final TypeInformation<FrameInference> FRAME_INFERENCE =
            RecordTypeInfo.of(FrameInference.class, new FrameInferenceSerializer());
    public static final TypeInformation<FrameDeltaMetrics> FRAME_DELTA_METRICS =
            RecordTypeInfo.of(FrameDeltaMetrics.class, new FrameDeltaMetricsSerializer());
    public static final TypeInformation<DeltaState> DELTA_STATE =
            RecordTypeInfo.of(DeltaState.class, new DeltaStateSerializer());

    private VideoTypes() {
    }
}
