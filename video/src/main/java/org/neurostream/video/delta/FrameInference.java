package org.neurostream.video.delta;

import java.util.Arrays;
import java.util.Objects;

/**
 * A network's output for one frame: features or class scores.
 *
 * @param streamKey the frame's stream
 * @param frameIndex the frame's index in its stream
 * @param presentationTimeSeconds the frame's presentation time in seconds
 * @param outputs the last layer's values (copied in, copied out)
 */
public record FrameInference(String streamKey, long frameIndex, double presentationTimeSeconds, float[] outputs) {
    public FrameInference {
        Objects.requireNonNull(streamKey, "streamKey");
        outputs = outputs.clone();
    }

    @Override
    public float[] outputs() {
        return outputs.clone();
    }

    /** Output value {@code i}, without copying. */
    public float output(int i) {
        return outputs[i];
    }

    public int size() {
        return outputs.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameInference f && frameIndex == f.frameIndex && streamKey.equals(f.streamKey)
                && Double.compare(presentationTimeSeconds, f.presentationTimeSeconds) == 0
                && Arrays.equals(outputs, f.outputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamKey, frameIndex, presentationTimeSeconds) * 31 + Arrays.hashCode(outputs);
    }

    @Override
    public String toString() {
        return "FrameInference[" + streamKey + " #" + frameIndex + " " + Arrays.toString(outputs) + "]";
    }
}
