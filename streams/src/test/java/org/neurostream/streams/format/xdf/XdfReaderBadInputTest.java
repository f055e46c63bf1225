package org.neurostream.streams.format.xdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;

/**
 * Damaged XDF files fail with a {@link RecordingFormatException} that names the file, the byte offset where the
 * damage was found and what is wrong; recoverable oddities are reported as problems instead.
 */
class XdfReaderBadInputTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static RecordingFormatException failure(ThrowingCallable read) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                read.call();
            } catch (Throwable t) {
                thrown[0] = t;
                throw t;
            }
        }).isInstanceOf(RecordingFormatException.class);
        return (RecordingFormatException) thrown[0];
    }

    private static void assertNamesFileAndOffset(RecordingFormatException e, Path file, long offset) {
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.byteOffset()).isEqualTo(offset);
        assertThat(e.getMessage()).startsWith(file + ": at byte " + offset + ": ");
    }

    /** Start offsets of the chunks of a well-formed file, from a walk independent of the reader. */
    private static List<Integer> chunkStarts(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> starts = new ArrayList<>();
        int pos = 4;
        while (pos < bytes.length) {
            starts.add(pos);
            int size = b.get(pos);
            long length = size == 1 ? b.get(pos + 1) & 0xFF : size == 4 ? b.getInt(pos + 1) : b.getLong(pos + 1);
            pos += 1 + size + (int) length;
        }
        return starts;
    }

    private static int tagAt(byte[] bytes, int chunkStart) {
        int size = bytes[chunkStart];
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(chunkStart + 1 + size);
    }

    @Test
    void truncatedFileNamesFileAndOffsetOfTheCutChunk() throws IOException {
        byte[] whole = Files.readAllBytes(XdfTestFiles.xdf("minimal.xdf"));
        List<Integer> starts = chunkStarts(whole);
        int lastChunk = starts.get(starts.size() - 1);
        Path file = write("truncated.xdf", Arrays.copyOf(whole, whole.length - 3));

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, lastChunk);
        assertThat(e.problem()).contains("truncated file");
    }

    @Test
    void fileCutInsideSampleDataNamesTheSamplesChunk() throws IOException {
        byte[] whole = Files.readAllBytes(XdfTestFiles.xdf("minimal.xdf"));
        int samples = chunkStarts(whole).stream().filter(s -> tagAt(whole, s) == XdfFormat.TAG_SAMPLES)
                .findFirst().orElseThrow();
        Path file = write("cut.xdf", Arrays.copyOf(whole, samples + 20));

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, samples);
        assertThat(e.problem()).contains("only", "bytes remain in the file");
    }

    @Test
    void corruptedChunkLengthNamesFileAndOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(XdfTestFiles.xdf("minimal.xdf"));
        int samples = chunkStarts(bytes).stream().filter(s -> tagAt(bytes, s) == XdfFormat.TAG_SAMPLES)
                .findFirst().orElseThrow();
        assertThat(bytes[samples]).isEqualTo((byte) 1);
        bytes[samples + 1] += 2;  // the chunk now claims two bytes that belong to the next chunk
        Path file = write("badlength.xdf", bytes);

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).startsWith(file + ": at byte " + e.byteOffset() + ": ");
        // The samples end two bytes before the chunk's declared end.
        int declaredEnd = samples + 2 + (bytes[samples + 1] & 0xFF);
        assertThat(e.byteOffset()).isEqualTo(declaredEnd - 2);
        assertThat(e.problem()).contains("its length says it ends at byte " + declaredEnd, "corrupted chunk length");
    }

    @Test
    void invalidLengthFieldSizeNamesTheChunk() throws IOException {
        byte[] bytes = Files.readAllBytes(XdfTestFiles.xdf("minimal.xdf"));
        int third = chunkStarts(bytes).get(2);
        bytes[third] = 3;
        Path file = write("badsize.xdf", bytes);

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, third);
        assertThat(e.problem()).contains("3 bytes", "1, 4 or 8");
    }

    @Test
    void wrongMagicNumberFailsAtByteZero() throws IOException {
        byte[] bytes = Files.readAllBytes(XdfTestFiles.xdf("minimal.xdf"));
        bytes[3] = '!';
        Path file = write("notxdf.xdf", bytes);

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, 0);
        assertThat(e.problem()).contains("'XDF:'", "'XDF!'");
    }

    @Test
    void emptyFileFailsAtByteZero() throws IOException {
        Path file = write("empty.xdf", new byte[0]);

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, 0);
        assertThat(e.problem()).contains("only 0 bytes");
    }

    @Test
    void malformedStreamHeaderXmlNamesFileOffsetAndLine() throws IOException {
        XdfBytes b = XdfBytes.withMagic().fileHeader();
        int header = b.position();
        b.xmlChunk(XdfFormat.TAG_STREAM_HEADER, 1, "<?xml version=\"1.0\"?>\n<info><name>EEG</nam></info>");
        Path file = write("badxml.xdf", b.toByteArray());

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        int xmlStart = header + 1 + 4 + 2 + 4;
        assertNamesFileAndOffset(e, file, xmlStart);
        assertThat(e.problem()).contains("StreamHeader of stream 1 is not well-formed", "line 2");
    }

    @Test
    void streamHeaderWithoutChannelCountIsRejected() throws IOException {
        XdfBytes b = XdfBytes.withMagic().fileHeader();
        int header = b.position();
        b.xmlChunk(XdfFormat.TAG_STREAM_HEADER, 5, "<info><name>x</name><nominal_srate>1</nominal_srate>"
                + "<channel_format>float32</channel_format></info>");
        Path file = write("nocount.xdf", b.toByteArray());

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, header + 11);
        assertThat(e.problem()).contains("stream 5", "<channel_count>");
    }

    @Test
    void externalEntitiesAreNeverResolved() throws IOException {
        Path secret = write("secret.txt", "SECRET".getBytes(StandardCharsets.UTF_8));
        XdfBytes b = XdfBytes.withMagic().fileHeader();
        b.xmlChunk(XdfFormat.TAG_STREAM_HEADER, 1, "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]><info><name>&x;</name><channel_count>1</channel_count>"
                + "<nominal_srate>0</nominal_srate><channel_format>string</channel_format></info>");
        Path file = write("xxe.xdf", b.toByteArray());

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertThat(e.problem()).contains("DOCTYPE").doesNotContain("SECRET");
    }

    @Test
    void samplesForAnUndeclaredStreamNameFileAndOffset() throws IOException {
        XdfBytes b = XdfBytes.withMagic().fileHeader().streamHeader(1, "float32", 2, 100);
        int samples = b.position();
        b.float32Samples(7, new double[] {1.0}, new float[][] {{1f, 2f}});
        Path file = write("undeclared.xdf", b.toByteArray());

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, samples);
        assertThat(e.problem()).contains("stream id 7", "no StreamHeader", "[1]");
    }

    @Test
    void sampleCountBeyondTheChunkIsRejectedBeforeAllocating() throws IOException {
        XdfBytes b = XdfBytes.withMagic().fileHeader().streamHeader(1, "double64", 64, 1000);
        int samples = b.position();
        ByteBuffer content = ByteBuffer.allocate(9 + 16).order(ByteOrder.LITTLE_ENDIAN);
        content.put((byte) 8).putLong(Long.MAX_VALUE / 2);  // 4.6e18 samples claimed in a 25-byte chunk
        b.chunk(XdfFormat.TAG_SAMPLES, 1, content.array());
        Path file = write("hugecount.xdf", b.toByteArray());

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, samples + 1 + 4 + 2 + 4);
        assertThat(e.problem()).contains("declares 4611686018427387903 samples", "hold at most 0");
    }

    @Test
    void chunkLongerThanTheFileIsRejected() throws IOException {
        XdfBytes b = XdfBytes.withMagic().fileHeader();
        int chunk = b.position();
        ByteBuffer huge = ByteBuffer.allocate(9 + 2).order(ByteOrder.LITTLE_ENDIAN);
        huge.put((byte) 8).putLong(-2L).putShort((short) 5);  // 2^64 - 2 bytes
        b.raw(huge.array());
        Path file = write("hugechunk.xdf", b.toByteArray());

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, chunk);
        assertThat(e.problem()).contains("18446744073709551614 bytes", "2 bytes remain");
    }

    @Test
    void clockOffsetWithWrongLengthIsRejected() throws IOException {
        XdfBytes b = XdfBytes.withMagic().fileHeader().streamHeader(2, "float32", 1, 10);
        int chunk = b.position();
        b.chunk(XdfFormat.TAG_CLOCK_OFFSET, 2, new byte[12]);
        Path file = write("badoffset.xdf", b.toByteArray());

        RecordingFormatException e = failure(() -> XdfReader.read(file));

        assertNamesFileAndOffset(e, file, chunk);
        assertThat(e.problem()).contains("12 bytes", "16");
    }

    @Test
    void unknownChunksAndMalformedFootersAreReportedNotFatal() throws IOException {
        XdfBytes b = XdfBytes.withMagic().fileHeader().streamHeader(1, "float32", 2, 100);
        b.float32Samples(1, new double[] {1.0, 1.01}, new float[][] {{1f, 2f}, {3f, 4f}});
        int unknown = b.position();
        b.chunk(42, -1, new byte[] {1, 2, 3});
        b.xmlChunk(XdfFormat.TAG_STREAM_FOOTER, 1, "<info><sample_count>2</sample_count>");
        Recording recording = XdfReader.read(b.toByteArray(), Path.of("odd.xdf"), XdfReadOptions.defaults());

        assertThat(recording.streams()).hasSize(1);
        assertThat(recording.streams().get(0).values()).containsExactly(1, 3, 2, 4);
        assertThat(recording.problems()).anySatisfy(p -> assertThat(p).contains("byte " + unknown, "tag 42"));
        assertThat(recording.problems()).anySatisfy(p -> assertThat(p).contains("StreamFooter", "not usable XML"));
    }

    @Test
    void footerDisagreeingWithTheSampleCountIsReported() throws IOException {
        XdfBytes b = XdfBytes.withMagic().fileHeader().streamHeader(1, "float32", 1, 100);
        b.float32Samples(1, new double[] {1.0, 1.01, 1.02}, new float[][] {{1f}, {2f}, {3f}});
        b.xmlChunk(XdfFormat.TAG_STREAM_FOOTER, 1, "<info><sample_count>5</sample_count></info>");
        Recording recording = XdfReader.read(b.toByteArray(), Path.of("short.xdf"), XdfReadOptions.defaults());

        assertThat(recording.streams().get(0).sampleCount()).isEqualTo(3);
        assertThat(recording.problems()).singleElement().asString()
                .contains("stream 1 ('s1')", "footer says 5 samples but 3 were read");
    }
}
