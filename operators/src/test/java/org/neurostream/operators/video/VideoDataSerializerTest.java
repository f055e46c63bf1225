package org.neurostream.operators.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.VideoData;
import org.neurostream.video.frame.VideoStreamError;

class VideoDataSerializerTest {
    private final VideoDataSerializer serializer = new VideoDataSerializer();

    private VideoData roundTrip(VideoData v) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(v, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        VideoData back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }

    @Test
    void framesLargerThanTheConversionBufferRoundTripExactly() throws IOException {
        int w = 160;
        int h = 120;
        float[] px = new float[3 * w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) Math.sin(i) * 300f;
        }
        px[7] = Float.NaN;
        Frame f = Frame.of("clip.mp4", 41, 1.64, w, h, 3, px);
        assertThat(roundTrip(f)).isEqualTo(f);
    }

    @Test
    void errorsRoundTrip() throws IOException {
        VideoStreamError e = new VideoStreamError("cut.avi", 78, "cut.avi: at frame 78: truncated");
        assertThat(roundTrip(e)).isEqualTo(e);
    }

    @Test
    void corruptTagIsRejected() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {5});
        assertThatThrownBy(() -> serializer.deserialize(in)).hasMessageContaining("tag 5; expected 0 (frame) or 1");
    }

    @Test
    void snapshotRestoresACompatibleSerializer() throws IOException {
        TypeSerializerSnapshot<VideoData> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(16);
        snapshot.writeSnapshot(out);
        TypeSerializerSnapshot<VideoData> read = new VideoDataSerializer.Snapshot();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }
}
