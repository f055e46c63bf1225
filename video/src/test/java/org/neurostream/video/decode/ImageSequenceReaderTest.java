package org.neurostream.video.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.video.frame.ColourMode;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.PreprocessSpec;

class ImageSequenceReaderTest {

    private static void writePng(Path file, int width, int height, int seed) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rgb(seed, x, y));
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static int rgb(int seed, int x, int y) {
        return ((seed * 40 + x) & 0xff) << 16 | ((y * 9) & 0xff) << 8 | ((x * y + seed) & 0xff);
    }

    @Test
    void pngsAreReadInNameOrderWithTimesFromTheFrameRate(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 3; i++) {
            writePng(dir.resolve(String.format("img_%03d.png", 2 - i)), 5, 4, 2 - i);
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        try (ImageSequenceReader reader = new ImageSequenceReader(dir, 10.0, PreprocessSpec.of(ColourMode.RGB))) {
            assertThat(reader.size()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                Frame f = reader.next();
                assertThat(f.frameIndex()).isEqualTo(i);
                assertThat(f.presentationTimeSeconds()).isEqualTo(i / 10.0);
                int x = 3;
                int y = 2;
                int expected = rgb(i, x, y);
                assertThat(f.pixel(0, y, x)).isEqualTo((expected >> 16) & 0xff);
                assertThat(f.pixel(1, y, x)).isEqualTo((expected >> 8) & 0xff);
                assertThat(f.pixel(2, y, x)).isEqualTo(expected & 0xff);
            }
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void imageOfAnotherSizeNamesTheFileAndFrame(@TempDir Path dir) throws IOException {
        writePng(dir.resolve("a.png"), 5, 4, 0);
        writePng(dir.resolve("b.png"), 6, 4, 1);
        try (ImageSequenceReader reader = new ImageSequenceReader(dir, 25, PreprocessSpec.of(ColourMode.GREY))) {
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOf(VideoDecodeException.class)
                    .hasMessageContaining(": at frame 1: b.png is 6x4 but the sequence started at 5x4");
        }
    }

    @Test
    void corruptImageNamesTheFileAndFrame(@TempDir Path dir) throws IOException {
        writePng(dir.resolve("a.png"), 5, 4, 0);
        Files.write(dir.resolve("b.png"), new byte[] {1, 2, 3, 4, 5});
        try (ImageSequenceReader reader = new ImageSequenceReader(dir, 25, PreprocessSpec.of(ColourMode.GREY))) {
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOf(VideoDecodeException.class)
                    .hasMessageContaining(": at frame 1: b.png");
        }
    }

    @Test
    void folderWithoutImagesIsRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> new ImageSequenceReader(dir, 25, PreprocessSpec.of(ColourMode.GREY)))
                .hasMessageContaining("holds no .png, .jpg or .jpeg image");
    }
}
