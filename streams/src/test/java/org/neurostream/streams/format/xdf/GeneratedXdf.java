package org.neurostream.streams.format.xdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An XDF file written byte by byte for the tests of XDF files opened for replay: Samples chunks far larger than a
 * {@linkplain XdfSampleBlocks block} (so that chunks are cut into several blocks) and of a single sample, most
 * timestamps omitted (so that samples differ in size within a block), three numeric formats, a marker stream, clock
 * offsets, and the chunks of the streams interleaved as a recorder writes them.
 */
public final class GeneratedXdf {
    /** The float32 stream's channels, rate and chunk sizes (samples). */
    public static final int EEG_CHANNELS = 16;
    public static final double EEG_RATE_HZ = 500;
    private static final int[] EEG_CHUNKS = {1, 4000, 2500, 7, 3001};
    /** Every how many samples a sample carries its timestamp; the others omit it. */
    private static final int TIMESTAMP_EVERY = 10;

    private GeneratedXdf() {
    }

    /** The number of samples of the float32 stream (stream 1). */
    public static int eegSamples() {
        int n = 0;
        for (int c : EEG_CHUNKS) {
            n += c;
        }
        return n;
    }

    /** Writes the file to {@code file} and returns it. */
    public static Path write(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(20261129);
        XdfBytes b = XdfBytes.withMagic().fileHeader()
                .streamHeader(1, "float32", EEG_CHANNELS, EEG_RATE_HZ)
                .streamHeader(2, "int16", 3, 100)
                .streamHeader(3, "string", 1, 0)
                .streamHeader(4, "double64", 2, 0);
        double eegTime = 1000.0;
        int aux = 0;
        int marker = 0;
        for (int chunk = 0; chunk < EEG_CHUNKS.length; chunk++) {
            int n = EEG_CHUNKS[chunk];
            ByteBuffer eeg = samplesContent(n, 1 + 4 * EEG_CHANNELS);
            for (int s = 0; s < n; s++) {
                eegTime += (1 + random.nextDouble(-0.01, 0.01)) / EEG_RATE_HZ;
                timestamp(eeg, s % TIMESTAMP_EVERY == 0, eegTime);
                for (int c = 0; c < EEG_CHANNELS; c++) {
                    eeg.putFloat((float) random.nextGaussian() * 50f);
                }
            }
            b.chunk(XdfFormat.TAG_SAMPLES, 1, written(eeg));
            int auxCount = n / 5 + 1;
            ByteBuffer auxBytes = samplesContent(auxCount, 1 + 2 * 3);
            for (int s = 0; s < auxCount; s++, aux++) {
                timestamp(auxBytes, s == 0, 1000.0 + aux / 100.0);
                for (int c = 0; c < 3; c++) {
                    auxBytes.putShort((short) random.nextInt(-32768, 32768));
                }
            }
            b.chunk(XdfFormat.TAG_SAMPLES, 2, written(auxBytes));
            byte[] text = ("event " + marker++).getBytes(StandardCharsets.UTF_8);
            ByteBuffer markerBytes = samplesContent(1, 9 + 2 + text.length);
            timestamp(markerBytes, true, eegTime);
            markerBytes.put((byte) 1).put((byte) text.length).put(text);
            b.chunk(XdfFormat.TAG_SAMPLES, 3, written(markerBytes));
            ByteBuffer irregular = samplesContent(2, 9 + 16);
            for (int s = 0; s < 2; s++) {
                timestamp(irregular, true, eegTime + s * 0.001);
                irregular.putDouble(random.nextDouble()).putDouble(-random.nextDouble());
            }
            b.chunk(XdfFormat.TAG_SAMPLES, 4, written(irregular));
            for (long stream = 1; stream <= 2; stream++) {
                b.chunk(XdfFormat.TAG_CLOCK_OFFSET, stream, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                        .putDouble(eegTime).putDouble(-0.25 + chunk * 1e-4).array());
            }
        }
        return Files.write(file, b.toByteArray());
    }

    /** A Samples chunk's content after the stream id: a 4-byte sample count, then room for the samples. */
    private static ByteBuffer samplesContent(int samples, int maxSampleBytes) {
        ByteBuffer content = ByteBuffer.allocate(5 + samples * (8 + maxSampleBytes)).order(ByteOrder.LITTLE_ENDIAN);
        return content.put((byte) 4).putInt(samples);
    }

    /** The bytes put into {@code b}. */
    private static byte[] written(ByteBuffer b) {
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void timestamp(ByteBuffer b, boolean explicit, double seconds) {
        if (explicit) {
            b.put((byte) 8).putDouble(seconds);
        } else {
            b.put((byte) 0);
        }
    }
}
