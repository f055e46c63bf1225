package org.neurostream.operators.video;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.neurostream.video.frame.VideoData;

/**
 * Flink type information for {@link VideoData}, backed by {@link VideoDataSerializer}. The video module has no Flink
 * dependency, so its types carry no {@code @TypeInfo}; pass {@link #VIDEO_DATA} where Flink needs it
 * ({@code returns(...)}, state descriptors, sources).
 */
public final class VideoTypes {
    public static final TypeInformation<VideoData> VIDEO_DATA = new VideoDataTypeInfo();

    private VideoTypes() {
    }

    private static final class VideoDataTypeInfo extends TypeInformation<VideoData> {
        private static final long serialVersionUID = 1L;

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
        public Class<VideoData> getTypeClass() {
            return VideoData.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<VideoData> createSerializer(SerializerConfig config) {
            return new VideoDataSerializer();
        }

        @Override
        public String toString() {
            return "VideoData";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VideoDataTypeInfo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(VideoDataTypeInfo.class);
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof VideoDataTypeInfo;
        }
    }
}
