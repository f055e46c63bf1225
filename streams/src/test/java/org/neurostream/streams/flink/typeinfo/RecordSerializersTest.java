package org.neurostream.streams.flink.typeinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

class RecordSerializersTest {

    private static final SampleChunk EXPLICIT = SampleChunk.withTimestamps("rec.xdf#1", 2,
            new double[] {1.5, -2.25, Double.NaN, 4e300, -0.0, 6}, new double[] {10.0, 10.004, 10.0081}, 250.0);
    private static final SampleChunk IMPLIED =
            SampleChunk.regular("S001R04.edf#eeg", 3, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 0.5, 160.0);
    private static final SampleChunk EMPTY =
            SampleChunk.withTimestamps("rec.xdf#1", 4, new double[0], new double[0], 0.0);
    private static final Marker MARKER = new Marker("S001R04.edf#annotations", 4.2, 4.1, "T1 ✓ \u0000 end");
    private static final StreamDescription DESCRIPTION = new StreamDescription("rec.xdf#2", "openvibeSignal", "EEG",
            "uid-42", 2, 512.0, ValueFormat.FLOAT32,
            List.of(new ChannelInfo("C3", "microvolts", "EEG"), new ChannelInfo("C4", "microvolts", "EEG")));

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left after deserializing").isZero();
        return back;
    }

    @Test
    void sampleChunksRoundTripWithExplicitImpliedAndNoTimestamps() throws IOException {
        SampleChunkSerializer s = new SampleChunkSerializer();
        assertThat(roundTrip(s, EXPLICIT)).isEqualTo(EXPLICIT);
        assertThat(roundTrip(s, IMPLIED)).isEqualTo(IMPLIED);
        assertThat(roundTrip(s, IMPLIED).hasExplicitTimestamps()).isFalse();
        assertThat(roundTrip(s, EMPTY)).isEqualTo(EMPTY);
    }

    @Test
    void chunksLargerThanTheScratchBufferRoundTrip() throws IOException {
        double[] values = new double[64 * 1000];
        double[] ts = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i) * 1e3;
        }
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 1234.5 + i / 160.0;
        }
        SampleChunk big = SampleChunk.withTimestamps("big", 64, values, ts, 160.0);
        assertThat(roundTrip(new SampleChunkSerializer(), big)).isEqualTo(big);
    }

    @Test
    void markersAndDescriptionsRoundTrip() throws IOException {
        assertThat(roundTrip(new MarkerSerializer(), MARKER)).isEqualTo(MARKER);
        assertThat(roundTrip(new StreamDescriptionSerializer(), DESCRIPTION)).isEqualTo(DESCRIPTION);
        StreamDescription undescribed = new StreamDescription("m", "Markers", "Markers", "", 1, 0.0,
                ValueFormat.STRING, List.of());
        assertThat(roundTrip(new StreamDescriptionSerializer(), undescribed)).isEqualTo(undescribed);
    }

    @Test
    void streamDataKeepsTheConcreteType() throws IOException {
        StreamDataSerializer s = new StreamDataSerializer();
        for (StreamData d : List.<StreamData>of(EXPLICIT, IMPLIED, MARKER, EMPTY)) {
            assertThat(roundTrip(s, d)).isEqualTo(d).hasSameClassAs(d);
        }
    }

    @Test
    void unknownStreamDataTagNamesTheLegalTags() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {7, 0, 0});
        assertThatThrownBy(() -> new StreamDataSerializer().deserialize(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tag 7")
                .hasMessageContaining("0 (sample chunk) or 1 (marker)");
    }

    @Test
    void corruptChunkSizeIsRejectedBeforeAllocating() throws IOException {
        DataOutputSerializer bytes = new DataOutputSerializer(32);
        new SampleChunkSerializer().serialize(IMPLIED, bytes);
        byte[] b = bytes.getCopyOfBuffer();
        // The key "S001R04.edf#eeg" takes 1 length byte + 15 chars, then channel count (4 bytes), then sample count.
        int sampleCountAt = 1 + 15 + 4;
        b[sampleCountAt] = 0x7f;
        assertThatThrownBy(() -> new SampleChunkSerializer().deserialize(new DataInputDeserializer(b)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("sample count");
    }

    @Test
    void copiesOfImmutableRecordsAreTheRecordsThemselves() {
        assertThat(new SampleChunkSerializer().copy(EXPLICIT)).isSameAs(EXPLICIT);
        assertThat(new StreamDataSerializer().isImmutableType()).isTrue();
        TypeSerializer<StreamData> s = new StreamDataSerializer();
        assertThat(s.duplicate()).isEqualTo(s).isNotSameAs(s);
    }

    @Test
    void snapshotsRestoreTheSerializerAndAreCompatibleAsIs() throws IOException {
        for (TypeSerializer<?> s : List.of(new StreamDataSerializer(), new SampleChunkSerializer(),
                new MarkerSerializer(), new StreamDescriptionSerializer())) {
            assertSnapshotRestores(s);
        }
    }

    private static <T> void assertSnapshotRestores(TypeSerializer<T> serializer) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), RecordSerializersTest.class.getClassLoader());
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        TypeSerializerSchemaCompatibility<T> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).as(serializer.getClass().getSimpleName()).isTrue();
    }

    @Test
    void snapshotOfAFutureFormatVersionIsRejected() {
        SampleChunkSerializer.Snapshot snapshot = new SampleChunkSerializer.Snapshot();
        assertThatThrownBy(() -> snapshot.readSnapshot(2, new DataInputDeserializer(new byte[0]),
                getClass().getClassLoader()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown serializer format version 2")
                .hasMessageContaining("versions 1 to 1");
    }

    @Test
    void snapshotsOfOtherSerializersAreIncompatible() {
        TypeSerializerSnapshot<Marker> markerSnapshot = new MarkerSerializer().snapshotConfiguration();
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<Marker> chunkSnapshotAsMarker =
                (TypeSerializerSnapshot) new SampleChunkSerializer().snapshotConfiguration();
        assertThat(markerSnapshot.resolveSchemaCompatibility(chunkSnapshotAsMarker).isIncompatible()).isTrue();
    }

    @Test
    void typeExtractionFindsTheRecordSerializersThroughTheAnnotations() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        assertThat(TypeInformation.of(StreamData.class).createSerializer(config))
                .isInstanceOf(StreamDataSerializer.class);
        assertThat(TypeInformation.of(SampleChunk.class).createSerializer(config))
                .isInstanceOf(SampleChunkSerializer.class);
        assertThat(TypeInformation.of(Marker.class).createSerializer(config)).isInstanceOf(MarkerSerializer.class);
        assertThat(TypeInformation.of(StreamDescription.class).createSerializer(config))
                .isInstanceOf(StreamDescriptionSerializer.class);
    }
}
