package org.neurostream.video.delta;

import java.util.List;

/**
 * What running one video stream through a delta network showed.
 *
 * @param streamKey the stream
 * @param frames frames run
 * @param width network input width in pixels
 * @param height network input height in pixels
 * @param channels network input channels
 * @param deltaFramesPerSecond frames per second of delta inference (median over the timed passes, decoding excluded)
 * @param baselineFramesPerSecond frames per second of the dense baseline on the same frames and network, or NaN when
 *                                no baseline ran
 * @param baselineName the baseline's backend name, empty when none ran
 * @param temporalSparsity temporal sparsity pooled over all delta layers and frames
 * @param denseMacs multiply-accumulates a dense network performs over all frames
 * @param effectiveMacs multiply-accumulates the delta network performs over all frames
 * @param maxOutputDeviation largest |output − exact output| over all frames and outputs, where the exact outputs come
 *                           from the same network with threshold 0
 * @param relativeOutputDeviation {@code maxOutputDeviation} over the largest |exact output|
 * @param layers per weighted layer: sparsity, MACs and sparsity per frame
 */
public record DeltaVideoReport(String streamKey, long frames, int width, int height, int channels,
                               double deltaFramesPerSecond, double baselineFramesPerSecond, String baselineName,
                               double temporalSparsity, long denseMacs, long effectiveMacs,
                               double maxOutputDeviation, double relativeOutputDeviation, List<Layer> layers) {

    public DeltaVideoReport {
        layers = List.copyOf(layers);
    }

    /** Dense MACs over effective MACs: how many times fewer operations the delta network needs. */
    public double effectiveMacReduction() {
        return effectiveMacs == 0 ? Double.POSITIVE_INFINITY : (double) denseMacs / effectiveMacs;
    }

    /** Delta fps over baseline fps, NaN when no baseline ran. */
    public double speedUp() {
        return deltaFramesPerSecond / baselineFramesPerSecond;
    }

    /**
     * One weighted layer.
     *
     * @param index position in the network
     * @param kind layer type
     * @param temporalSparsity fraction of the layer's inputs not sent, pooled over frames
     * @param denseMacs dense MACs over all frames
     * @param effectiveMacs effective MACs over all frames
     * @param sparsityPerFrame temporal sparsity of each frame, in frame order
     */
    public record Layer(int index, String kind, double temporalSparsity, long denseMacs, long effectiveMacs,
                        double[] sparsityPerFrame) {
        public Layer {
            sparsityPerFrame = sparsityPerFrame.clone();
        }

        @Override
        public double[] sparsityPerFrame() {
            return sparsityPerFrame.clone();
        }
    }
}
