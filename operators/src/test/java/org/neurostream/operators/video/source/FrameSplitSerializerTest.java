package org.neurostream.operators.video.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSplitSerializerTest {
    private final FrameSplitSerializer splits = new FrameSplitSerializer();
    private final FrameEnumeratorStateSerializer states = new FrameEnumeratorStateSerializer();

    @Test
    void splitsRoundTripWithTheirPosition() throws IOException {
        FrameSplit split = new FrameSplit(3, FrameSplit.Kind.EVENT_FILE, "/data/rec.aedat4", 17);
        assertThat(splits.deserialize(splits.getVersion(), splits.serialize(split))).isEqualTo(split);
    }

    @Test
    void enumeratorStateRoundTrips() throws IOException {
        List<FrameSplit> state = List.of(new FrameSplit(0, FrameSplit.Kind.VIDEO_FILE, "a.mp4", 0),
                new FrameSplit(1, FrameSplit.Kind.V4L2_CAMERA, "/dev/video0", 0));
        assertThat(states.deserialize(states.getVersion(), states.serialize(state))).isEqualTo(state);
    }

    @Test
    void unknownVersionAndTrailingBytesAreRejected() throws IOException {
        byte[] bytes = splits.serialize(new FrameSplit(0, FrameSplit.Kind.IMAGE_FOLDER, "imgs", 2));
        assertThatThrownBy(() -> splits.deserialize(2, bytes)).hasMessageContaining("Unknown frame split version 2");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> splits.deserialize(1, longer)).hasMessageContaining("1 trailing bytes");
    }
}
