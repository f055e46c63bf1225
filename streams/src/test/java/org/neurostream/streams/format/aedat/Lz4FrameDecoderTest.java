package org.neurostream.streams.format.aedat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Lz4FrameDecoderTest {
    private static final Path GOLDEN =
            Path.of(System.getProperty("neurostream.test.data"), "golden", "aedat", "lz4_frames.json");

    static Stream<Arguments> referenceFrames() throws IOException {
        JsonNode root = new ObjectMapper().readTree(GOLDEN.toFile());
        Stream.Builder<Arguments> b = Stream.builder();
        root.get("cases").forEach(c -> b.add(Arguments.of(c.get("linked").asBoolean(), c.get("checksums").asBoolean(),
                Base64.getDecoder().decode(c.get("frame").asText()), root)));
        return b.build();
    }

    @ParameterizedTest(name = "linked={0} checksums={1}")
    @MethodSource("referenceFrames")
    void decodesFramesOfTheReferenceLibrary(boolean linked, boolean checksums, byte[] frame, JsonNode root)
            throws NoSuchAlgorithmException {
        byte[] out = Lz4FrameDecoder.decode(frame, frame.length);
        assertThat(out).hasSize(root.get("payloadLength").asInt());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out)))
                .isEqualTo(root.get("payloadSha256").asText());
    }

    @Test
    void flippedPayloadByteFailsTheContentChecksum() throws IOException {
        Arguments withChecksums = referenceFrames().filter(a -> (boolean) a.get()[1]).findFirst().orElseThrow();
        byte[] frame = ((byte[]) withChecksums.get()[2]).clone();
        frame[frame.length / 2] ^= 0x01;
        assertThatThrownBy(() -> Lz4FrameDecoder.decode(frame, frame.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checksum mismatch");
    }

    @Test
    void notAnLz4FrameIsNamed() {
        byte[] junk = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThatThrownBy(() -> Lz4FrameDecoder.decode(junk, junk.length))
                .hasMessageContaining("not an LZ4 frame: magic 0x04030201");
    }
}
