package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VideoCommandTest {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    private static final Path EVENTS = DATA.resolve("events/sample.aedat4");

    @Test
    void reportsSparsityAndMacsPerLayerWritesAPlotAndGoesOnPastABrokenFile(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("broken.mp4");
        Files.write(broken, new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
        CommandLine cl = NeurostreamCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("video", DATA.resolve("video/test.avi").toString(), broken.toString(),
                "--threshold", "0.02", "--json", "--max-frames", "20", "--passes", "1", "--random-cnn", "--width", "64",
                "--height", "48", "--plot-dir", tmp.toString());

        assertThat(exit).as("a broken file makes the exit code 1").isEqualTo(1);
        assertThat(err.toString()).contains("broken.mp4: at frame 0");
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("threshold").asDouble()).isEqualTo(0.02, org.assertj.core.api.Assertions.within(1e-6));
        JsonNode clip = root.get("results").get(0);
        assertThat(clip.get("frames").asInt()).isEqualTo(20);
        assertThat(clip.get("shape").toString()).isEqualTo("[48,64,1]");
        long dense = 0;
        long effective = 0;
        for (JsonNode layer : clip.get("layers")) {
            assertThat(layer.get("temporalSparsity").asDouble()).isBetween(0.0, 1.0);
            assertThat(layer.get("effectiveMacs").asLong()).isLessThanOrEqualTo(layer.get("denseMacs").asLong());
            dense += layer.get("denseMacs").asLong();
            effective += layer.get("effectiveMacs").asLong();
        }
        assertThat(clip.get("layers")).hasSize(4);
        assertThat(clip.get("denseMacs").asLong()).isEqualTo(dense);
        assertThat(clip.get("effectiveMacs").asLong()).isEqualTo(effective);
        assertThat(clip.get("deltaFps").asDouble()).isPositive();
        assertThat(root.get("results").get(1).get("error").asText()).contains("broken.mp4");

        BufferedImage plot = ImageIO.read(Path.of(clip.get("plot").asText()).toFile());
        assertThat(plot.getWidth()).isEqualTo(900);
        assertThat(plot.getHeight()).isEqualTo(500);
    }

    @Test
    void runsTheBundledSparsityTrainedCnnByDefaultOnVideoAndEvents(@TempDir Path tmp) throws Exception {
        CommandLine cl = NeurostreamCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int exit = cl.execute("video", DATA.resolve("video/test.avi").toString(), EVENTS.toString(), "--json",
                "--max-frames", "12", "--passes", "1", "--plot-dir", tmp.toString());

        assertThat(exit).isZero();
        JsonNode results = new ObjectMapper().readTree(out.toString()).get("results");
        for (JsonNode clip : results) {
            assertThat(clip.get("shape").toString()).as(clip.get("file").asText()).isEqualTo("[32,32,1]");
            assertThat(clip.get("layers")).extracting(l -> l.get("kind").asText())
                    .containsExactly("conv2d", "conv2d", "dense");
            assertThat(clip.get("maxOutputDeviation").asDouble()).isZero();
        }
    }
}
