package org.neurostream.video.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurostream.video.frame.ColourMode;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.PreprocessSpec;
import org.neurostream.video.frame.ResizeMethod;

class FfmpegFrameReaderTest {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));

    @ParameterizedTest
    @ValueSource(strings = {"test.avi", "test_video_structuralize.mp4"})
    void decodedFramesMatchOpenCvMeansWithIncreasingTimes(String clip) throws IOException {
        JsonNode golden = new ObjectMapper().readTree(DATA.resolve("golden/video/" + clip + ".json").toFile());
        int frames = 0;
        double lastTime = -1;
        try (FfmpegFrameReader reader = FfmpegFrameReader.openFile(DATA.resolve("video/" + clip),
                PreprocessSpec.of(ColourMode.RGB))) {
            assertThat(reader.sourceWidth()).isEqualTo(golden.get("width").asInt());
            assertThat(reader.sourceHeight()).isEqualTo(golden.get("height").asInt());
            assertThat(reader.declaredFrames()).isEqualTo(golden.get("frames").asLong());
            Frame f;
            while ((f = reader.next()) != null) {
                assertThat(f.frameIndex()).isEqualTo(frames);
                assertThat(f.presentationTimeSeconds()).isGreaterThan(lastTime);
                lastTime = f.presentationTimeSeconds();
                JsonNode mean = golden.get("meanRgb").get(frames);
                int plane = f.width() * f.height();
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        sum += f.pixel(i);
                    }
                    assertThat(sum / plane).as("frame %d channel %d", frames, c)
                            .isCloseTo(mean.get(c).asDouble(), within(1.0));
                }
                frames++;
            }
            assertThat(frames).isEqualTo(golden.get("frames").asInt());
            // The last frame is presented about one clip length after the first.
            assertThat(lastTime).isCloseTo((frames - 1) / reader.frameRateHz(), within(2.0 / reader.frameRateHz()));
        }
    }

    @Test
    void greyResizedFramesHaveTheRequestedShape() throws IOException {
        PreprocessSpec spec = PreprocessSpec.of(ColourMode.GREY).withResize(64, 48, ResizeMethod.AREA);
        try (FfmpegFrameReader reader = FfmpegFrameReader.openFile(DATA.resolve("video/test.avi"), spec)) {
            Frame f = reader.next();
            assertThat(f.channels()).isEqualTo(1);
            assertThat(f.width()).isEqualTo(64);
            assertThat(f.height()).isEqualTo(48);
            assertThat(f.streamKey()).endsWith("test.avi");
        }
    }

    @Test
    void truncatedAviNamesTheFileAndTheFirstMissingFrame(@TempDir Path tmp) throws IOException {
        byte[] whole = Files.readAllBytes(DATA.resolve("video/test.avi"));
        Path cut = tmp.resolve("cut.avi");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        long read = 0;
        try (FfmpegFrameReader reader = FfmpegFrameReader.openFile(cut, PreprocessSpec.of(ColourMode.GREY))) {
            VideoDecodeException e = null;
            try {
                while (reader.next() != null) {
                    read++;
                }
            } catch (VideoDecodeException thrown) {
                e = thrown;
            }
            assertThat(e).as("a truncated file must not end quietly").isNotNull();
            assertThat(e.streamKey()).isEqualTo(cut.toString());
            assertThat(e.frameIndex()).isEqualTo(read).isBetween(1L, 163L);
            assertThat(e.getMessage()).contains("cut.avi").contains("at frame " + read).contains("declares 164")
                    .contains("truncated");
        }
    }

    @Test
    void truncatedMp4FailsAtFrameZeroNamingTheFile(@TempDir Path tmp) throws IOException {
        byte[] whole = Files.readAllBytes(DATA.resolve("video/test_video_structuralize.mp4"));
        Path cut = tmp.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> FfmpegFrameReader.openFile(cut, PreprocessSpec.of(ColourMode.GREY)))
                .isInstanceOf(VideoDecodeException.class)
                .hasMessageContaining("cut.mp4: at frame 0: FFmpeg cannot open it as video");
    }

    @Test
    void garbageBytesFailAtFrameZeroNamingTheFile(@TempDir Path tmp) throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(6).nextBytes(garbage);
        Path file = tmp.resolve("garbage.mp4");
        Files.write(file, garbage);
        assertThatThrownBy(() -> FfmpegFrameReader.openFile(file, PreprocessSpec.of(ColourMode.GREY)))
                .isInstanceOfSatisfying(VideoDecodeException.class, e -> {
                    assertThat(e.streamKey()).isEqualTo(file.toString());
                    assertThat(e.frameIndex()).isZero();
                });
    }

    @Test
    void missingFileIsNamed(@TempDir Path tmp) {
        Path file = tmp.resolve("absent.avi");
        assertThatThrownBy(() -> FfmpegFrameReader.openFile(file, PreprocessSpec.of(ColourMode.GREY)))
                .hasMessage(file + ": at frame 0: no such file");
    }

    @Test
    void skipToResumesWithTheSameFramesAsAnUninterruptedRead() throws IOException {
        Path clip = DATA.resolve("video/test_video_structuralize.mp4");
        PreprocessSpec spec = PreprocessSpec.of(ColourMode.GREY).withResize(32, 24, ResizeMethod.AREA);
        Frame expected;
        try (FfmpegFrameReader reader = FfmpegFrameReader.openFile(clip, spec)) {
            for (int i = 0; i < 10; i++) {
                reader.next();
            }
            expected = reader.next();
        }
        try (FfmpegFrameReader reader = FfmpegFrameReader.openFile(clip, spec)) {
            reader.skipTo(10);
            assertThat(reader.next()).isEqualTo(expected);
        }
    }
}
