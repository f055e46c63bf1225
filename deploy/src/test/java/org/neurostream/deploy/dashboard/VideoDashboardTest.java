package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.neurostream.deploy.video.VideoJob;
import org.neurostream.operators.video.delta.DeltaVideoFunction;
import org.neurostream.video.delta.TrainedFrameCnn;

/** The video job with a dashboard on the shipped test video: frames as JPEG and per-layer sparsity reach the page. */
class VideoDashboardTest {
    private static final Path VIDEO = Path.of(System.getProperty("neurostream.test.data"), "video", "test.avi");

    @Test
    void videoJobServesCurrentFrameAndPerLayerSparsity() throws Exception {
        System.setProperty("java.awt.headless", "true");
        int port = DashboardClient.freePort();
        VideoJob job = new VideoJob(List.of(VIDEO), TrainedFrameCnn.load(), DeltaVideoFunction.Backend.JAVA, 4.0, null,
                new DashboardOptions("127.0.0.1", port, null));
        CompletableFuture<List<VideoJob.StreamSummary>> run = CompletableFuture.supplyAsync(() -> {
            try {
                return job.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DashboardClient client = new DashboardClient(port);
        client.awaitInfo(Duration.ofSeconds(90));
        AtomicReference<HttpResponse<byte[]>> jpeg = new AtomicReference<>();
        AtomicReference<JsonNode> info = new AtomicReference<>();
        List<DashboardClient.Event> events = client.readEventsUntilEnd(e -> {
            if (e.name().equals("frame") && jpeg.get() == null) {
                try {
                    jpeg.set(client.getBytes(e.data().get("url").asText()));
                    info.set(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                            client.getBytes("/api/info").body()));
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }
        });
        List<VideoJob.StreamSummary> summaries = run.get();
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).frames()).isEqualTo(164);

        List<JsonNode> frames = DashboardClient.named(events, "frame");
        assertThat(frames).isNotEmpty().hasSizeLessThan(164); // at most 5 per second are shown
        JsonNode frame = frames.get(0);
        String stream = frame.get("stream").asText();
        assertThat(frame.get("url").asText()).startsWith("/api/frame/").contains(".jpg?i=");
        assertThat(jpeg.get().statusCode()).isEqualTo(200);
        assertThat(jpeg.get().headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg.get().body()));
        assertThat(image.getWidth()).isEqualTo(32);
        assertThat(image.getHeight()).isEqualTo(32);
        JsonNode videoStream = info.get().get("streams").get(0);
        assertThat(videoStream.get("kind").asText()).isEqualTo("video");
        assertThat(videoStream.get("key").asText()).isEqualTo(stream);
        assertThat(videoStream.get("frameWidth").asInt()).isEqualTo(32);

        List<JsonNode> sparsity = DashboardClient.named(events, "sparsity");
        assertThat(sparsity).isNotEmpty();
        JsonNode last = sparsity.get(sparsity.size() - 1);
        assertThat(last.get("stream").asText()).isEqualTo(stream);
        assertThat(last.get("layers").size()).isEqualTo(TrainedFrameCnn.load().layers().size());
        for (JsonNode layer : last.get("layers")) {
            assertThat(layer.get("sparsity").asDouble()).isBetween(0.0, 1.0);
            assertThat(layer.get("effectiveMacs").asLong()).isLessThanOrEqualTo(layer.get("denseMacs").asLong());
        }
    }
}
