package org.neurostream.streams.format.aedat;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.format.RecordingFormatException;

class Aedat4ReaderTest {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    private static final Path SAMPLE = DATA.resolve("events/sample.aedat4");
    private static JsonNode golden;

    @BeforeAll
    static void loadGolden() throws IOException {
        golden = new ObjectMapper().readTree(DATA.resolve("golden/aedat/sample.json").toFile());
    }

    @Test
    void headerDeclaresTheDvxplorerStreams() throws IOException {
        try (Aedat4Reader reader = Aedat4Reader.open(SAMPLE)) {
            assertThat(reader.compression()).isEqualTo(Aedat4Compression.LZ4);
            assertThat(reader.streams()).extracting(Aedat4StreamInfo::typeIdentifier)
                    .containsExactly("EVTS", "IMUS", "TRIG");
            Aedat4StreamInfo events = reader.eventStream().orElseThrow();
            assertThat(events.width()).isEqualTo(golden.get("width").asInt());
            assertThat(events.height()).isEqualTo(golden.get("height").asInt());
            assertThat(events.source()).isEqualTo("DVXplorer_DXB00010");
        }
    }

    @Test
    void eventsMatchTheIndependentDecoder() throws IOException, NoSuchAlgorithmException {
        int width = golden.get("width").asInt();
        int height = golden.get("height").asInt();
        int[] counts = new int[2 * height * width];
        List<Integer> packetSizes = new ArrayList<>();
        long total = 0;
        long on = 0;
        long first = Long.MIN_VALUE;
        long last = 0;
        PolarityEvents firstPacket = null;
        try (Aedat4Reader reader = Aedat4Reader.open(SAMPLE)) {
            int id = reader.eventStream().orElseThrow().streamId();
            PolarityEvents p;
            while ((p = reader.nextEvents(id)) != null) {
                if (firstPacket == null) {
                    firstPacket = p;
                }
                packetSizes.add(p.size());
                for (int i = 0; i < p.size(); i++) {
                    if (first == Long.MIN_VALUE) {
                        first = p.timestampMicros(i);
                    }
                    last = p.timestampMicros(i);
                    on += p.on(i) ? 1 : 0;
                    counts[((p.on(i) ? 1 : 0) * height + p.y(i)) * width + p.x(i)]++;
                }
                total += p.size();
            }
        }
        assertThat(total).isEqualTo(golden.get("events").asLong()).isEqualTo(111_954);
        assertThat(on).isEqualTo(golden.get("on").asLong());
        assertThat(total - on).isEqualTo(golden.get("off").asLong());
        assertThat(first).isEqualTo(golden.get("firstTimestampUs").asLong());
        assertThat(last).isEqualTo(golden.get("lastTimestampUs").asLong());
        List<Integer> expectedSizes = new ArrayList<>();
        golden.get("packetEventCounts").forEach(n -> expectedSizes.add(n.asInt()));
        assertThat(packetSizes).isEqualTo(expectedSizes);
        assertThat(sha256(counts)).isEqualTo(golden.get("pixelCountsSha256").asText());

        JsonNode fp = golden.get("firstPacket");
        assertThat(firstPacket.size()).isEqualTo(fp.get("t").size());
        for (int i = 0; i < firstPacket.size(); i++) {
            assertThat(firstPacket.timestampMicros(i)).isEqualTo(fp.get("t").get(i).asLong());
            assertThat(firstPacket.x(i)).isEqualTo(fp.get("x").get(i).asInt());
            assertThat(firstPacket.y(i)).isEqualTo(fp.get("y").get(i).asInt());
            assertThat(firstPacket.on(i)).isEqualTo(fp.get("on").get(i).asBoolean());
        }
    }

    @Test
    void fileCutInsideAPacketNamesTheFileAndPacketOffset(@TempDir Path tmp) throws IOException {
        byte[] whole = Files.readAllBytes(SAMPLE);
        Path cut = tmp.resolve("cut.aedat4");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        try (Aedat4Reader reader = Aedat4Reader.open(cut)) {
            assertThatThrownBy(() -> {
                while (reader.nextPacket() != null) {
                    // read until the cut
                }
            }).isInstanceOfSatisfying(RecordingFormatException.class, e -> {
                assertThat(e.file()).isEqualTo(cut);
                assertThat(e.byteOffset()).isBetween(2334L, (long) whole.length / 2);
                assertThat(e.problem()).contains("truncated");
            });
        }
    }

    @Test
    void corruptLz4PayloadNamesThePacketOffset(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(SAMPLE);
        long firstPacket;
        try (Aedat4Reader reader = Aedat4Reader.open(SAMPLE)) {
            firstPacket = reader.position();
        }
        int payload = (int) firstPacket + 8;
        int size = ByteBuffer.wrap(bytes, (int) firstPacket + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        // Keep the LZ4 frame header, scramble the compressed blocks.
        for (int i = payload + 16; i < payload + size - 8; i++) {
            bytes[i] = (byte) (bytes[i] * 31 + 7);
        }
        Path bad = tmp.resolve("bad.aedat4");
        Files.write(bad, bytes);
        try (Aedat4Reader reader = Aedat4Reader.open(bad)) {
            assertThatThrownBy(reader::nextPacket).isInstanceOf(RecordingFormatException.class)
                    .hasMessageContaining("bad.aedat4: at byte " + firstPacket)
                    .hasMessageContaining("LZ4 data of the packet of stream 0 is corrupt");
        }
    }

    @Test
    void garbageIsNotAnAedat4File(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("noise.aedat4");
        Files.write(file, new byte[] {'#', '!', 'A', 'E', 'R', '-', 'D', 'A', 'T', '3', '.', '1', '\r', '\n', 0});
        assertThatThrownBy(() -> Aedat4Reader.open(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessage(file + ": at byte 0: not an AEDAT4 file: it starts with \"#!AER-DAT3.1\\x0d\\x0a\" "
                        + "instead of \"#!AER-DAT4.0\\r\\n\"");
    }

    @Test
    void packetOfAnUndeclaredStreamIsReported(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(SAMPLE);
        long firstPacket;
        try (Aedat4Reader reader = Aedat4Reader.open(SAMPLE)) {
            firstPacket = reader.position();
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) firstPacket, 9);
        Path bad = tmp.resolve("stream9.aedat4");
        Files.write(bad, bytes);
        try (Aedat4Reader reader = Aedat4Reader.open(bad)) {
            assertThatThrownBy(reader::nextPacket)
                    .hasMessageContaining("at byte " + firstPacket + ": packet of stream 9, which the header does "
                            + "not declare (declared: [0, 2, 3])");
        }
    }

    static String sha256(int[] values) throws NoSuchAlgorithmException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }
}
