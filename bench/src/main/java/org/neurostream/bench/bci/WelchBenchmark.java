package org.neurostream.bench.bci;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.neurostream.bci.spectral.Welch;
import org.neurostream.bci.spectral.WelchParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Welch PSD of one epoch per operation: {@code channels × epochSamples} at 160 Hz, Hann window, nperseg = 160
 * (scipy defaults otherwise), into a reused output array. Epochs per second = operations per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WelchBenchmark {

    @Param({"64"})
    public int channels;

    @Param({"160", "640"})
    public int epochSamples;

    private Welch welch;
    private double[] epoch;
    private double[] psd;

    @Setup
    public void setUp() {
        welch = new Welch(WelchParameters.of("hann", 160), 160.0);
        epoch = new double[channels * epochSamples];
        Random random = new Random(1);
        for (int i = 0; i < epoch.length; i++) {
            epoch[i] = random.nextGaussian();
        }
        psd = new double[channels * 81];
    }

    @Benchmark
    public double[] psdOfOneEpoch() {
        welch.psd(epoch, channels, psd);
        return psd;
    }
}
