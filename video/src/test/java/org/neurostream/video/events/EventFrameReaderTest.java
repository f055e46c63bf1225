package org.neurostream.video.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.format.aedat.PolarityEvents;
import org.neurostream.video.decode.VideoDecodeException;
import org.neurostream.video.frame.Frame;

class EventFrameReaderTest {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    private static final Path SAMPLE = DATA.resolve("events/sample.aedat4");

    @Test
    void onOffFramesMatchTheIndependentAccumulation() throws IOException, NoSuchAlgorithmException {
        JsonNode acc = new ObjectMapper().readTree(DATA.resolve("golden/aedat/sample.json").toFile())
                .get("accumulation");
        long window = acc.get("windowUs").asLong();
        List<Frame> frames = new ArrayList<>();
        try (EventFrameReader reader = new EventFrameReader(SAMPLE, window, EventFrameMode.ON_OFF)) {
            Frame f;
            while ((f = reader.next()) != null) {
                frames.add(f);
            }
        }
        JsonNode windows = acc.get("windows");
        assertThat(frames).hasSize(windows.size());
        for (int k = 0; k < frames.size(); k++) {
            Frame f = frames.get(k);
            JsonNode w = windows.get(k);
            assertThat(f.frameIndex()).isEqualTo(k);
            assertThat(f.presentationTimeSeconds()).isEqualTo(k * window / 1e6);
            assertThat(f.channels()).isEqualTo(2);
            int plane = f.width() * f.height();
            double off = 0;
            double on = 0;
            int[] counts = new int[f.size()];
            for (int i = 0; i < f.size(); i++) {
                counts[i] = (int) f.pixel(i);
                if (i < plane) {
                    off += f.pixel(i);
                } else {
                    on += f.pixel(i);
                }
            }
            assertThat(on).as("window %d ON", k).isEqualTo(w.get("on").asDouble());
            assertThat(off).as("window %d OFF", k).isEqualTo(w.get("off").asDouble());
            assertThat(sha256(counts)).as("window %d counts", k).isEqualTo(w.get("sha256").asText());
        }
    }

    @Test
    void signedSumIsOnMinusOffPerPixel() {
        EventFrameAccumulator acc = new EventFrameAccumulator("k", 3, 2, 1000, EventFrameMode.SIGNED_SUM);
        List<Frame> out = new ArrayList<>();
        acc.add(new PolarityEvents(0, new long[] {10, 20, 30, 2500}, new short[] {1, 1, 2, 0},
                new short[] {0, 0, 1, 0}, new boolean[] {true, false, true, true}), out::add);
        acc.finish(out::add);
        // Window 1 (1000..2000 us) has no event but is still a frame, so the rate stays fixed.
        assertThat(out).extracting(Frame::frameIndex).containsExactly(0L, 1L, 2L);
        assertThat(out.get(0).pixels()).containsExactly(0, 0, 0, 0, 0, 1);
        assertThat(out.get(1).pixels()).containsOnly(0f);
        assertThat(out.get(2).pixels()).containsExactly(1, 0, 0, 0, 0, 0);
        assertThat(out.get(2).presentationTimeSeconds()).isEqualTo(0.002);
    }

    @Test
    void eventsOutOfTimeOrderAreRefused() {
        EventFrameAccumulator acc = new EventFrameAccumulator("cam", 2, 2, 100, EventFrameMode.ON_OFF);
        assertThatThrownBy(() -> acc.add(new PolarityEvents(0, new long[] {500, 50}, new short[] {0, 0},
                new short[] {0, 0}, new boolean[] {true, true}), f -> { }))
                .hasMessageContaining("cam: event at 50 us is older than the open window starting at 500 us");
    }

    @Test
    void truncatedFileNamesTheFileFrameAndByteOffset(@TempDir Path tmp) throws IOException {
        byte[] whole = Files.readAllBytes(SAMPLE);
        Path cut = tmp.resolve("cut.aedat4");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        try (EventFrameReader reader = new EventFrameReader(cut, 50_000, EventFrameMode.ON_OFF)) {
            assertThatThrownBy(() -> {
                while (reader.next() != null) {
                    // read until the cut
                }
            }).isInstanceOfSatisfying(VideoDecodeException.class, e -> {
                assertThat(e.streamKey()).isEqualTo(cut.toString());
                assertThat(e.frameIndex()).isPositive();
                assertThat(e.getMessage()).contains("at byte").contains("truncated");
            });
        }
    }

    private static String sha256(int[] values) throws NoSuchAlgorithmException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }
}
