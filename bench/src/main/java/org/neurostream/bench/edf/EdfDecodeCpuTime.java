package org.neurostream.bench.edf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neurostream.streams.format.edf.EdfReader;

/**
 * The same comparison as {@link EdfDecodeBenchmark} in CPU time of the measuring thread rather than wall time, so
 * that it stays meaningful on a machine shared with other work: decoding S001R04.edf with {@link EdfReader} against
 * a bulk copy of its stored samples, alternated in each round.
 *
 * <p>Usage: {@code EdfDecodeCpuTime [path to S001R04.edf] [rounds]}; prints per-round and median figures.
 */
public final class EdfDecodeCpuTime {
    private static final int HEADER_BYTES = 256 * 66;
    private static final int READS_PER_ROUND = 20;

    private EdfDecodeCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "test-data/eeg/S001R04.edf");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        byte[] content = Files.readAllBytes(file);
        short[] stored = new short[(content.length - HEADER_BYTES) / 2];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] readerMs = new double[rounds];
        double[] copyMs = new double[rounds];
        long channelSamples = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < READS_PER_ROUND; i++) {
                channelSamples = EdfReader.read(content, file).streams().get(0).values().length;
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < READS_PER_ROUND; i++) {
                ByteBuffer.wrap(content, HEADER_BYTES, content.length - HEADER_BYTES).slice()
                        .order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(stored);
            }
            long t2 = threads.getCurrentThreadCpuTime();
            readerMs[round] = (t1 - t0) / 1e6 / READS_PER_ROUND;
            copyMs[round] = (t2 - t1) / 1e6 / READS_PER_ROUND;
            System.out.printf("round %d: EdfReader %.2f ms, bulk copy %.3f ms (CPU per file)%n", round, readerMs[round],
                    copyMs[round]);
        }
        // The first rounds warm the JIT; the median of the second half is reported.
        double reader = median(readerMs, rounds / 2);
        double copy = median(copyMs, rounds / 2);
        System.out.printf("median of rounds %d..%d: EdfReader %.2f ms (%.0f M channel-samples/s), bulk copy %.3f ms;"
                + " reader / copy speed = %.3f%n", rounds / 2, rounds - 1, reader, channelSamples / reader / 1e3,
                copy, copy / reader);
    }

    private static double median(double[] values, int from) {
        double[] tail = java.util.Arrays.copyOfRange(values, from, values.length);
        java.util.Arrays.sort(tail);
        return tail[tail.length / 2];
    }
}
