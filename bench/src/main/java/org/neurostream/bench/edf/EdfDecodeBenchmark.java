package org.neurostream.bench.edf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.edf.EdfReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding PhysioNet S001R04.edf (64 channels × 20,000 samples, 2.6 MB) from memory: {@link EdfReader} (header,
 * TALs, physical scaling into channel-major doubles, timestamps) against the floor of any decoder, one bulk copy
 * of all stored 16-bit samples into a {@code short[]} with no scaling or reordering, measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EdfDecodeBenchmark {
    private static final int HEADER_BYTES = 256 * 66;

    private byte[] content;
    private short[] stored;

    @Setup
    public void load() throws IOException {
        String testData = System.getProperty("neurostream.test.data", "test-data");
        content = Files.readAllBytes(Path.of(testData, "eeg", "S001R04.edf"));
        stored = new short[(content.length - HEADER_BYTES) / 2];
    }

    @Benchmark
    public Recording edfReader() throws RecordingFormatException {
        return EdfReader.read(content, Path.of("S001R04.edf"));
    }

    @Benchmark
    public short[] bulkCopyOfStoredSamples() {
        ByteBuffer.wrap(content, HEADER_BYTES, content.length - HEADER_BYTES).slice()
                .order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(stored);
        return stored;
    }
}
