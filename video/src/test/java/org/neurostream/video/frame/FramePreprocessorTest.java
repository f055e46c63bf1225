package org.neurostream.video.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FramePreprocessorTest {
    private static final Path GOLDEN =
            Path.of(System.getProperty("neurostream.test.data"), "golden", "frame", "preprocess.json");

    static Stream<Arguments> openCvCases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(GOLDEN.toFile());
        Stream.Builder<Arguments> cases = Stream.builder();
        root.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), root, c)));
        return cases.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openCvCases")
    void packedRgbMatchesOpenCv(String name, JsonNode root, JsonNode c) {
        int w = root.get("width").asInt();
        int h = root.get("height").asInt();
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) root.get("rgb24").get(i).asInt();
        }
        PreprocessSpec spec = specOf(c);
        FramePreprocessor p = new FramePreprocessor(spec, w, h, 3);
        assertThat(p.outputChannels()).isEqualTo(c.get("outChannels").asInt());
        assertThat(p.outputHeight()).isEqualTo(c.get("outHeight").asInt());
        assertThat(p.outputWidth()).isEqualTo(c.get("outWidth").asInt());
        float[] out = new float[p.outputSize()];
        p.process(ByteBuffer.wrap(rgb), w * 3, out);
        assertClose(out, c.get("planar"));

        // The planar float path gives the same result from the same image.
        float[] planar = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            for (int ch = 0; ch < 3; ch++) {
                planar[ch * w * h + i] = rgb[3 * i + ch] & 0xff;
            }
        }
        Frame result = p.apply(Frame.wrap("golden", 4, 0.16, w, h, 3, planar));
        assertThat(result.frameIndex()).isEqualTo(4);
        assertThat(result.presentationTimeSeconds()).isEqualTo(0.16);
        assertClose(result.pixels(), c.get("planar"));
    }

    @Test
    void reusedPreprocessorGivesTheSameOutputForTheSameInput() {
        PreprocessSpec spec = PreprocessSpec.of(ColourMode.GREY).withResize(7, 5, ResizeMethod.AREA);
        FramePreprocessor p = new FramePreprocessor(spec, 20, 15, 3);
        byte[] a = new byte[20 * 15 * 3];
        byte[] b = new byte[20 * 15 * 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 7);
            b[i] = (byte) (255 - i);
        }
        float[] first = new float[p.outputSize()];
        float[] again = new float[p.outputSize()];
        p.process(ByteBuffer.wrap(a), 60, first);
        p.process(ByteBuffer.wrap(b), 60, again);
        p.process(ByteBuffer.wrap(a), 60, again);
        assertThat(again).containsExactly(first);
    }

    @Test
    void rowStrideWithPaddingIsHonoured() {
        PreprocessSpec spec = PreprocessSpec.of(ColourMode.RGB);
        FramePreprocessor p = new FramePreprocessor(spec, 2, 2, 3);
        // 2x2 RGB with rows padded to 8 bytes; padding bytes must not leak into the output.
        byte[] padded = {1, 2, 3, 4, 5, 6, 99, 99, 7, 8, 9, 10, 11, 12, 99, 99};
        float[] out = new float[p.outputSize()];
        p.process(ByteBuffer.wrap(padded), 8, out);
        assertThat(out).containsExactly(1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12);
    }

    @Test
    void greyInputIsReplicatedToRgb() {
        FramePreprocessor p = new FramePreprocessor(PreprocessSpec.of(ColourMode.RGB), 2, 1, 1);
        float[] out = new float[p.outputSize()];
        p.process(ByteBuffer.wrap(new byte[] {10, (byte) 200}), 2, out);
        assertThat(out).containsExactly(10, 200, 10, 200, 10, 200);
    }

    @Test
    void cropOutsideTheFrameIsRejectedWithBothSizes() {
        PreprocessSpec spec = PreprocessSpec.of(ColourMode.GREY).withCrop(new Crop(10, 0, 20, 10));
        assertThatThrownBy(() -> new FramePreprocessor(spec, 25, 10, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20x10 at 10,0").hasMessageContaining("25x10 frame");
    }

    @Test
    void areaResizeRefusesToEnlarge() {
        PreprocessSpec spec = PreprocessSpec.of(ColourMode.GREY).withResize(40, 30, ResizeMethod.AREA);
        assertThatThrownBy(() -> new FramePreprocessor(spec, 20, 15, 1))
                .hasMessageContaining("AREA resizing only shrinks").hasMessageContaining("use BILINEAR");
    }

    @Test
    void wrongOutputLengthIsRejected() {
        FramePreprocessor p = new FramePreprocessor(PreprocessSpec.of(ColourMode.GREY), 4, 4, 1);
        assertThatThrownBy(() -> p.process(ByteBuffer.allocate(16), 4, new float[15]))
                .hasMessageContaining("has 15 values").hasMessageContaining("needs 16");
    }

    @Test
    void meanStdNeedsOneValuePerOutputChannel() {
        assertThatThrownBy(() -> PreprocessSpec.of(ColourMode.GREY)
                .withNormalization(Normalization.meanStd(new double[] {0.5, 0.5, 0.5}, new double[] {1, 1, 1})))
                .hasMessageContaining("3 channel values").hasMessageContaining("GREY frames have 1");
    }

    private static PreprocessSpec specOf(JsonNode c) {
        PreprocessSpec spec = PreprocessSpec.of(ColourMode.valueOf(c.get("colour").asText()));
        if (!c.get("crop").isNull()) {
            JsonNode k = c.get("crop");
            spec = spec.withCrop(new Crop(k.get(0).asInt(), k.get(1).asInt(), k.get(2).asInt(), k.get(3).asInt()));
        }
        if (!c.get("size").isNull()) {
            spec = spec.withResize(c.get("size").get(0).asInt(), c.get("size").get(1).asInt(),
                    ResizeMethod.valueOf(c.get("resize").asText()));
        }
        switch (c.get("norm").asText()) {
            case "UNIT" -> spec = spec.withNormalization(Normalization.unitRange());
            case "MEANSTD" -> spec = spec.withNormalization(Normalization.meanStd(doubles(c.get("mean")),
                    doubles(c.get("std"))));
            default -> { }
        }
        return spec;
    }

    private static double[] doubles(JsonNode n) {
        double[] d = new double[n.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = n.get(i).asDouble();
        }
        return d;
    }

    private static void assertClose(float[] actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("value %d", i).isCloseTo(expected.get(i).asDouble(), within(2e-3));
        }
    }
}
