package org.neurostream.video.delta;

import java.util.Objects;
import org.neurostream.delta.metrics.StepMetrics;

/**
 * What the delta network did for one frame: per layer the deltas sent, outputs, dense and effective MACs.
 *
 * @param streamKey the frame's stream
 * @param frameIndex the frame's index in its stream
 * @param presentationTimeSeconds the frame's presentation time in seconds
 * @param metrics per-layer counts of this step (NeuroBench definitions, see {@link StepMetrics})
 */
public record FrameDeltaMetrics(String streamKey, long frameIndex, double presentationTimeSeconds,
                                StepMetrics metrics) {
    public FrameDeltaMetrics {
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(metrics, "metrics");
    }
}
