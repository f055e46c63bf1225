package org.neurostream.streams.flink.typeinfo;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;

/**
 * Flink type information for neurostream's record types, each backed by its own versioned serializer.
 *
 * <p>The record types carry {@code @TypeInfo} annotations pointing at the factories below, so Flink's type extraction
 * finds these serializers by itself (for lambdas, state descriptors and {@code TypeInformation.of(...)}); the
 * constants are for places that need the information explicitly, such as {@code returns(...)}.
 */
public final class NeurostreamTypes {
    public static final TypeInformation<StreamData> STREAM_DATA =
            new RecordTypeInfo<>(StreamData.class, new StreamDataSerializer());
    public static final TypeInformation<SampleChunk> SAMPLE_CHUNK =
            new RecordTypeInfo<>(SampleChunk.class, new SampleChunkSerializer());
    public static final TypeInformation<Marker> MARKER = new RecordTypeInfo<>(Marker.class, new MarkerSerializer());
    public static final TypeInformation<StreamDescription> STREAM_DESCRIPTION =
            new RecordTypeInfo<>(StreamDescription.class, new StreamDescriptionSerializer());

    private NeurostreamTypes() {
    }

    /** Factory for {@link StreamData}, named by its {@code @TypeInfo} annotation. */
    public static final class StreamDataFactory extends TypeInfoFactory<StreamData> {
        @Override
        public TypeInformation<StreamData> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return STREAM_DATA;
        }
    }

    /** Factory for {@link SampleChunk}, named by its {@code @TypeInfo} annotation. */
    public static final class SampleChunkFactory extends TypeInfoFactory<SampleChunk> {
        @Override
        public TypeInformation<SampleChunk> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return SAMPLE_CHUNK;
        }
    }

    /** Factory for {@link Marker}, named by its {@code @TypeInfo} annotation. */
    public static final class MarkerFactory extends TypeInfoFactory<Marker> {
        @Override
        public TypeInformation<Marker> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return MARKER;
        }
    }

    /** Factory for {@link StreamDescription}, named by its {@code @TypeInfo} annotation. */
    public static final class StreamDescriptionFactory extends TypeInfoFactory<StreamDescription> {
        @Override
        public TypeInformation<StreamDescription> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return STREAM_DESCRIPTION;
        }
    }
}
