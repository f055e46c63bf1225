package org.neurostream.video.delta;

import org.neurostream.delta.kernel.KernelBackend;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.net.ComputePolicy;
import org.neurostream.delta.net.DeltaNetwork;
import org.neurostream.delta.net.DeltaState;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.video.frame.Frame;

/**
 * Runs one video stream through a {@link DeltaNetwork}: each frame propagates only what changed since the frames
 * before. Converts the planar frame ({@code [c][y][x]}) into the network's channels-last input ({@code [y][x][c]}) in a
 * reused buffer.
 *
 * <p>The network's memories are its state: {@link #snapshot()} / {@link #restore(DeltaState)} move them in and out
 * (into Flink keyed state, say). Not thread-safe: one runner per stream.
 */
public final class DeltaFrameRunner implements AutoCloseable {
    private final DeltaNetwork network;
    private final Shape inputShape;
    private final float[] input;

    public DeltaFrameRunner(NetworkSpec spec, KernelBackend backend) {
        this(spec, backend, ComputePolicy.AUTO);
    }

    /** With {@link ComputePolicy#ALWAYS_DENSE}, every layer is recomputed in full each frame (the dense baseline). */
    public DeltaFrameRunner(NetworkSpec spec, KernelBackend backend, ComputePolicy policy) {
        this.network = new DeltaNetwork(spec, backend, policy);
        this.inputShape = spec.inputShape();
        this.input = new float[inputShape.size()];
    }

    public NetworkSpec spec() {
        return network.spec();
    }

    /** Runs one frame; returns the last layer's output in a buffer the runner owns (overwritten by the next frame). */
    public float[] step(Frame frame) {
        toChannelsLast(frame, inputShape, input);
        return network.step(input);
    }

    /** Runs one frame and returns its output and metrics as values. */
    public FrameInference infer(Frame frame) {
        return new FrameInference(frame.streamKey(), frame.frameIndex(), frame.presentationTimeSeconds(), step(frame));
    }

    /** Metrics of the last frame. */
    public FrameDeltaMetrics lastMetrics(Frame frame) {
        return new FrameDeltaMetrics(frame.streamKey(), frame.frameIndex(), frame.presentationTimeSeconds(),
                network.lastStepMetrics());
    }

    /** The network (for layer outputs and footprint). */
    public DeltaNetwork network() {
        return network;
    }

    public DeltaState snapshot() {
        return network.snapshot();
    }

    public void restore(DeltaState state) {
        network.restore(state);
    }

    /**
     * Writes {@code frame}'s pixels channels-last into {@code out}.
     *
     * @throws IllegalArgumentException naming the stream when the frame does not have the network's input shape
     */
    public static void toChannelsLast(Frame frame, Shape shape, float[] out) {
        if (frame.height() != shape.height() || frame.width() != shape.width()
                || frame.channels() != shape.channels()) {
            throw new IllegalArgumentException(frame.streamKey() + ": frame " + frame.frameIndex() + " is "
                    + frame.width() + "x" + frame.height() + "x" + frame.channels() + " but the network takes "
                    + shape.width() + "x" + shape.height() + "x" + shape.channels()
                    + " (width x height x channels); resize the frames to match");
        }
        int c = shape.channels();
        int plane = shape.width() * shape.height();
        for (int ch = 0; ch < c; ch++) {
            int src = ch * plane;
            for (int i = 0; i < plane; i++) {
                out[i * c + ch] = frame.pixel(src + i);
            }
        }
    }

    @Override
    public void close() {
        network.close();
    }
}
