package org.neurostream.operators.video;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;
import org.neurostream.delta.net.DeltaState;
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
            new ValueTypeInfo<>(VideoData.class, VideoDataSerializer::new);
    public static final TypeInformation<FrameInference> FRAME_INFERENCE =
            new ValueTypeInfo<>(FrameInference.class, FrameInferenceSerializer::new);
    public static final TypeInformation<FrameDeltaMetrics> FRAME_DELTA_METRICS =
            new ValueTypeInfo<>(FrameDeltaMetrics.class, FrameDeltaMetricsSerializer::new);
    public static final TypeInformation<DeltaState> DELTA_STATE =
            new ValueTypeInfo<>(DeltaState.class, DeltaStateSerializer::new);

    private VideoTypes() {
    }

    private static final class ValueTypeInfo<T> extends TypeInformation<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> typeClass;
        private final SerializableSupplier<TypeSerializer<T>> serializer;

        ValueTypeInfo(Class<T> typeClass, SerializableSupplier<TypeSerializer<T>> serializer) {
            this.typeClass = typeClass;
            this.serializer = serializer;
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return typeClass;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return serializer.get();
        }

        @Override
        public String toString() {
            return typeClass.getSimpleName();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ValueTypeInfo<?> v && v.typeClass == typeClass;
        }

        @Override
        public int hashCode() {
            return Objects.hash(typeClass);
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof ValueTypeInfo<?>;
        }
    }
}
