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
}
