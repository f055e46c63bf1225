package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MinMaxDecimatorTest {

    private static double[] noise(int channels, int samples, long seed) {
        Random r = new Random(seed);
        double[] v = new double[channels * samples];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() * 20;
        }
        return v;
    }

    /** Channel-major block of samples [from, from + n) of a channel-major signal of {@code total} samples. */
    private static double[] slice(double[] values, int channels, int total, int from, int n) {
        double[] out = new double[channels * n];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(values, c * total + from, out, c * n, n);
        }
        return out;
    }

    @Test
    void oneKilohertzBecomesAtMost250PointsPerSecondKeepingEveryPeak() {
        int channels = 64;
        int samples = 1000;
        double[] signal = noise(channels, samples, 1);
        MinMaxDecimator d = new MinMaxDecimator(channels, 1000, DashboardTap.TARGET_POINTS_PER_SECOND);
        d.add(signal, samples, 10.0);
        assertThat(d.outputRateHz()).isLessThanOrEqualTo(250);
        int points = d.points();
        assertThat(points).isLessThanOrEqualTo(250);
        assertThat(d.firstSeconds()).isEqualTo(10.0);
        double[] out = d.drain();
        for (int c = 0; c < channels; c++) {
            double[] in = Arrays.copyOfRange(signal, c * samples, (c + 1) * samples);
            double[] got = Arrays.copyOfRange(out, c * points, (c + 1) * points);
            // the samples that fill whole buckets keep their extremes
            int covered = points / 2 * d.factor();
            double[] inCovered = Arrays.copyOf(in, covered);
            assertThat(Arrays.stream(got).max().getAsDouble()).isEqualTo(Arrays.stream(inCovered).max().getAsDouble());
            assertThat(Arrays.stream(got).min().getAsDouble()).isEqualTo(Arrays.stream(inCovered).min().getAsDouble());
        }
    }

    @Test
    void slowStreamsPassUnchanged() {
        double[] signal = noise(3, 160, 2);
        MinMaxDecimator d = new MinMaxDecimator(3, 160, 250);
        d.add(signal, 160, 0);
        assertThat(d.factor()).isEqualTo(1);
        assertThat(d.outputRateHz()).isEqualTo(160);
        assertThat(d.drain()).containsExactly(signal);
    }

    @Property(tries = 50)
    void chunkBoundariesDoNotChangeTheOutput(@ForAll @IntRange(min = 1, max = 400) int chunk,
            @ForAll @IntRange(min = 300, max = 5000) int rateHz) {
        int channels = 4;
        int total = 2000;
        double[] signal = noise(channels, total, chunk);
        MinMaxDecimator whole = new MinMaxDecimator(channels, rateHz, 250);
        whole.add(signal, total, 0);
        MinMaxDecimator parts = new MinMaxDecimator(channels, rateHz, 250);
        for (int from = 0; from < total; from += chunk) {
            int n = Math.min(chunk, total - from);
            parts.add(slice(signal, channels, total, from, n), n, from / (double) rateHz);
        }
        assertThat(parts.points()).isEqualTo(whole.points());
        assertThat(parts.drain()).containsExactly(whole.drain());
        assertThat(whole.outputRateHz()).isLessThanOrEqualTo(250);
    }

    @Test
    void drainingAdvancesTheFirstTimestampByTheDrainedPoints() {
        MinMaxDecimator d = new MinMaxDecimator(1, 1000, 250);
        d.add(noise(1, 80, 3), 80, 5.0);
        int points = d.points();
        d.drain();
        assertThat(d.firstSeconds()).isEqualTo(5.0 + points / d.outputRateHz());
    }

    @Test
    void drainingToABudgetMergesPointsIntoAnEnvelopeWithTheSamePeaks() {
        MinMaxDecimator d = new MinMaxDecimator(2, 1000, 250);
        java.util.Random random = new java.util.Random(3);
        int n = 5000;
        double[] signal = new double[2 * n];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = random.nextGaussian();
        }
        d.add(signal, n, 0.0);
        MinMaxDecimator.Block all = new MinMaxDecimator(2, 1000, 250).drain(Double.POSITIVE_INFINITY);
        assertThat(all.points()).isZero();
        MinMaxDecimator.Block block = d.drain(100);
        assertThat(block.points()).isLessThanOrEqualTo(100).isEven();
        assertThat(block.points() / block.rateHz()).isCloseTo(5.0, org.assertj.core.api.Assertions.within(0.1));
        for (int c = 0; c < 2; c++) {
            double[] channel = java.util.Arrays.copyOfRange(signal, c * n, (c + 1) * n);
            double[] shown = java.util.Arrays.copyOfRange(block.values(), c * block.points(),
                    (c + 1) * block.points());
            assertThat(java.util.Arrays.stream(shown).max().orElseThrow())
                    .isEqualTo(java.util.Arrays.stream(channel).max().orElseThrow());
            assertThat(java.util.Arrays.stream(shown).min().orElseThrow())
                    .isEqualTo(java.util.Arrays.stream(channel).min().orElseThrow());
        }
    }

    @Property(tries = 100)
    void aStridedBucketIsTheMinMaxOfEveryStrideThSampleWhateverTheChunks(
            @ForAll @IntRange(min = 2, max = 300) int factor, @ForAll @IntRange(min = 0, max = 8) int strideLog2,
            @ForAll @IntRange(min = 1, max = 700) int chunk) {
        int stride = Math.min(1 << strideLog2, factor);
        int channels = 3;
        int total = 3000;
        double[] signal = noise(channels, total, factor * 1000L + chunk);
        MinMaxDecimator d = new MinMaxDecimator(channels, 1000, 250);
        d.retune(factor, stride);
        for (int from = 0; from < total; from += chunk) {
            int n = Math.min(chunk, total - from);
            d.add(slice(signal, channels, total, from, n), n, from / 1000.0);
        }
        d.closeBucket();
        int buckets = (total + factor - 1) / factor;
        assertThat(d.points()).isEqualTo(2 * buckets);
        double[] got = d.drain();
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < buckets; k++) {
                // the reference: positions 0, stride, 2 stride, ... of bucket k, in time order
                int lo = k * factor;
                int hi = lo;
                for (int p = k * factor + stride; p < Math.min(total, (k + 1) * factor); p += stride) {
                    double v = signal[c * total + p];
                    if (v < signal[c * total + lo]) {
                        lo = p;
                    } else if (v > signal[c * total + hi]) {
                        hi = p;
                    }
                }
                assertThat(got[c * 2 * buckets + 2 * k]).isEqualTo(signal[c * total + Math.min(lo, hi)]);
                assertThat(got[c * 2 * buckets + 2 * k + 1]).isEqualTo(signal[c * total + Math.max(lo, hi)]);
            }
        }
    }

    /**
     * Buckets that stay open across blocks and retunes (a larger or smaller factor, another stride) hold the same
     * points as a decimator that takes one sample at a time: a bucket closes once it holds the factor's samples (at
     * the next sample if the factor was lowered below it), and looks at its positions that are multiples of the
     * stride in force when they arrive.
     */
    @Property(tries = 100)
    void blocksAndRetunesGiveWhatOneSampleAtATimeGives(@ForAll @IntRange(min = 1, max = 100000) int seed) {
        Random random = new Random(seed);
        int channels = 1 + random.nextInt(5);
        MinMaxDecimator d = new MinMaxDecimator(channels, 1000, 250);
        OneSampleAtATime reference = new OneSampleAtATime(channels, d.factor());
        java.util.List<Double> got = new java.util.ArrayList<>();
        double seconds = 0;
        for (int block = 0; block < 40; block++) {
            if (random.nextInt(3) == 0) {
                collect(d, channels, got);
                int factor = 1 + random.nextInt(64);
                int stride = 1 + random.nextInt(factor);
                d.retune(factor, stride);
                reference.factor = factor;
                reference.stride = stride;
            }
            int n = random.nextInt(150);
            double[] values = noise(channels, n, random.nextLong());
            if (n > 0 && random.nextInt(10) == 0) {
                values[random.nextInt(values.length)] = Double.NaN;
            }
            d.add(values, n, seconds);
            seconds += n / 1000.0;
            reference.add(values, n);
        }
        d.closeBucket();
        reference.close();
        collect(d, channels, got);
        assertThat(got).containsExactlyElementsOf(reference.points);
    }

    /** Drains {@code d} into {@code into}, channel after channel within each drained block. */
    private static void collect(MinMaxDecimator d, int channels, java.util.List<Double> into) {
        int points = d.points();
        double[] block = d.drain();
        for (int p = 0; p < points; p++) {
            for (int c = 0; c < channels; c++) {
                into.add(block[c * points + p]);
            }
        }
    }

    /** The decimation's definition, one sample at a time; points are listed point-major (all channels per point). */
    private static final class OneSampleAtATime {
        final int channels;
        int factor;
        int stride = 1;
        int filled;
        final int[] loAt;
        final int[] hiAt;
        final double[] lo;
        final double[] hi;
        final java.util.List<Double> points = new java.util.ArrayList<>();

        OneSampleAtATime(int channels, int factor) {
            this.channels = channels;
            this.factor = factor;
            loAt = new int[channels];
            hiAt = new int[channels];
            lo = new double[channels];
            hi = new double[channels];
        }

        void add(double[] values, int n) {
            for (int s = 0; s < n; s++) {
                if (filled >= factor) {
                    close(); // the factor was lowered below the open bucket
                }
                if (factor == 1) { // the sample itself is the point
                    for (int c = 0; c < channels; c++) {
                        points.add(values[c * n + s]);
                    }
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    double v = values[c * n + s];
                    if (filled == 0) {
                        lo[c] = v;
                        hi[c] = v;
                        loAt[c] = 0;
                        hiAt[c] = 0;
                    } else if (filled % stride == 0) {
                        if (v < lo[c]) {
                            lo[c] = v;
                            loAt[c] = filled;
                        } else if (v > hi[c]) {
                            hi[c] = v;
                            hiAt[c] = filled;
                        }
                    }
                }
                filled++;
                if (filled >= factor) {
                    close();
                }
            }
        }

        void close() {
            if (filled == 0) {
                return;
            }
            for (int c = 0; c < channels; c++) {
                points.add(loAt[c] <= hiAt[c] ? lo[c] : hi[c]);
            }
            for (int c = 0; c < channels; c++) {
                points.add(loAt[c] <= hiAt[c] ? hi[c] : lo[c]);
            }
            filled = 0;
        }
    }
}
