package org.neurostream.bench.bci;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.neurostream.bci.filter.BandType;
import org.neurostream.bci.filter.IirDesign;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.bci.filter.StreamingSosFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link StreamingSosFilter} on channel-major chunks, as an online job calls it: one operation filters
 * one {@code channels × chunkSamples} chunk in place with a 4th-order Butterworth 8–30 Hz band-pass at 250 Hz (4
 * sections). Channel-samples per second = operations per second × channels × chunkSamples.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SosFilterBenchmark {

    @Param({"64"})
    public int channels;

    @Param({"32", "1024"})
    public int chunkSamples;

    private StreamingSosFilter filter;
    private double[] chunk;

    @Setup
    public void setUp() {
        SosCoefficients sos = IirDesign.butterworth(4, BandType.BANDPASS, 250.0, 8.0, 30.0);
        filter = new StreamingSosFilter(sos, channels);
        chunk = new double[channels * chunkSamples];
        Random random = new Random(1);
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = random.nextGaussian();
        }
    }

    @Benchmark
    public double[] filterChunk() {
        // Filtering in place keeps the values bounded (the band-pass is stable), so the input stays realistic.
        filter.process(chunk);
        return chunk;
    }
}
