package org.neurostream.video.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.metrics.LayerStepMetrics;
import org.neurostream.delta.net.DeltaState;
import org.neurostream.delta.net.DenseNetwork;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.video.decode.FfmpegFrameReader;
import org.neurostream.video.frame.ColourMode;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.Normalization;
import org.neurostream.video.frame.PreprocessSpec;
import org.neurostream.video.frame.ResizeMethod;

class DeltaFrameRunnerTest {
    private static final Path CLIP =
            Path.of(System.getProperty("neurostream.test.data"), "video/test_video_structuralize.mp4");
    private static final int FRAMES = 30;
    private static List<Frame> frames;

    @BeforeAll
    static void decode() throws IOException {
        PreprocessSpec spec = PreprocessSpec.of(ColourMode.GREY).withResize(64, 36, ResizeMethod.AREA)
                .withNormalization(Normalization.unitRange());
        frames = new ArrayList<>();
        try (FfmpegFrameReader reader = FfmpegFrameReader.openFile(CLIP, spec)) {
            for (int i = 0; i < FRAMES; i++) {
                frames.add(reader.next());
            }
        }
    }

    @Test
    void thresholdZeroGivesDenseInferenceOnARealClip() {
        NetworkSpec spec = FrameCnn.spec(36, 64, 1, 10, 0f, 7);
        DenseNetwork dense = new DenseNetwork(spec);
        float[] hwc = new float[spec.inputShape().size()];
        try (DeltaFrameRunner runner = new DeltaFrameRunner(spec, new JavaKernelBackend())) {
            for (Frame f : frames) {
                float[] delta = runner.step(f).clone();
                DeltaFrameRunner.toChannelsLast(f, spec.inputShape(), hwc);
                float[] reference = dense.step(hwc);
                for (int i = 0; i < reference.length; i++) {
                    assertThat(delta[i]).as("frame %d output %d", f.frameIndex(), i)
                            .isCloseTo(reference[i], within(1e-4f));
                }
            }
        }
    }

    @Test
    void perLayerDeltaCountsMatchAnIndependentRecount() {
        NetworkSpec spec = FrameCnn.spec(36, 64, 1, 10, 0f, 7);
        List<Layer> layers = spec.layers();
        List<float[]> lastSent = new ArrayList<>();
        for (Layer l : layers) {
            lastSent.add(new float[l.inputShape().size()]);
        }
        long sent = 0;
        long compared = 0;
        try (DeltaFrameRunner runner = new DeltaFrameRunner(spec, new JavaKernelBackend())) {
            for (Frame f : frames) {
                float[] in = new float[spec.inputShape().size()];
                DeltaFrameRunner.toChannelsLast(f, spec.inputShape(), in);
                runner.step(f);
                List<LayerStepMetrics> metrics = runner.lastMetrics(f).metrics().layers();
                for (int i = 0; i < layers.size(); i++) {
                    float[] x = i == 0 ? in : runner.network().layerOutput(i - 1);
                    if (!layers.get(i).hasWeights()) {
                        continue;
                    }
                    // Threshold 0: a value is sent when it differs from the last value sent.
                    float[] last = lastSent.get(i);
                    long changed = 0;
                    for (int k = 0; k < x.length; k++) {
                        if (x[k] != last[k]) {
                            changed++;
                            last[k] = x[k];
                        }
                    }
                    assertThat(metrics.get(i).nonZeroDeltas()).as("frame %d layer %d", f.frameIndex(), i)
                            .isEqualTo(changed);
                    assertThat(metrics.get(i).deltaInputs()).isEqualTo(x.length);
                    sent += changed;
                    compared += x.length;
                }
            }
        }
        // The clip's static background makes most inputs repeat exactly from frame to frame.
        assertThat(1.0 - (double) sent / compared).isGreaterThan(0.2);
    }

    @Test
    void restoredMemoriesContinueExactlyLikeAnUninterruptedRun() {
        NetworkSpec spec = FrameCnn.spec(36, 64, 1, 10, 0.02f, 3);
        List<float[]> uninterrupted = new ArrayList<>();
        try (DeltaFrameRunner runner = new DeltaFrameRunner(spec, new JavaKernelBackend())) {
            for (Frame f : frames) {
                uninterrupted.add(runner.step(f).clone());
            }
        }
        DeltaState saved;
        try (DeltaFrameRunner first = new DeltaFrameRunner(spec, new JavaKernelBackend())) {
            for (int i = 0; i < FRAMES / 2; i++) {
                first.step(frames.get(i));
            }
            saved = first.snapshot();
        }
        try (DeltaFrameRunner second = new DeltaFrameRunner(spec, new JavaKernelBackend())) {
            second.restore(saved);
            for (int i = FRAMES / 2; i < FRAMES; i++) {
                assertThat(second.step(frames.get(i))).as("frame %d", i).containsExactly(uninterrupted.get(i));
            }
        }
    }

    @Test
    void frameOfAnotherShapeNamesTheStream() {
        Frame f = Frame.of("cam0", 4, 0.1, 8, 8, 1, new float[64]);
        assertThatThrownBy(() -> DeltaFrameRunner.toChannelsLast(f, new Shape(36, 64, 1), new float[36 * 64]))
                .hasMessageContaining("cam0: frame 4 is 8x8x1 but the network takes 64x36x1");
    }
}
