package org.neurostream.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The summary of paired A/B measurements (each pair measured back to back under the same conditions): the median of
 * the per-pair ratios A/B and a percentile-bootstrap confidence interval of that median. Pairing cancels what both
 * jobs of a pair share (the JVM's JIT state, the machine's load at the time), so the interval shows how well the
 * pairs pin the ratio down; the median keeps a single disturbed pair from moving it.
 *
 * @param median     median of the per-pair ratios
 * @param lower      lower end of the confidence interval of the median
 * @param upper      upper end of the confidence interval of the median
 * @param confidence the interval's confidence level, in (0, 1)
 * @param pairs      number of pairs
 * @param below      how many ratios are below 1 (the sign test's count)
 */
public record PairedRatios(double median, double lower, double upper, double confidence, int pairs, int below) {
    /** Bootstrap resamples: enough for stable 2.5 % / 97.5 % percentiles. */
    public static final int RESAMPLES = 10_000;

    /**
     * Summarizes {@code a[i] / b[i]} over all pairs, with a {@code confidence} percentile-bootstrap interval of the
     * median from {@link #RESAMPLES} resamples drawn with {@code seed} (same inputs and seed, same interval).
     *
     * @throws IllegalArgumentException when there are no pairs, the arrays differ in length, a value is not finite
     *                                  and positive, or {@code confidence} is not in (0, 1)
     */
    public static PairedRatios of(double[] a, double[] b, double confidence, long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Paired measurements need as many A values as B values, but got "
                    + a.length + " and " + b.length + ".");
        }
        double[] ratios = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] > 0) || !(b[i] > 0) || Double.isInfinite(a[i]) || Double.isInfinite(b[i])) {
                throw new IllegalArgumentException("Pair " + i + " has A = " + a[i] + " and B = " + b[i]
                        + "; both must be finite and > 0.");
            }
            ratios[i] = a[i] / b[i];
        }
        return ofRatios(ratios, confidence, seed);
    }

    /** As {@link #of}, from the per-pair ratios themselves. */
    public static PairedRatios ofRatios(double[] ratios, double confidence, long seed) {
        if (ratios.length == 0) {
            throw new IllegalArgumentException("No pairs: the ratio of no measurements is undefined.");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("The confidence level must be in (0, 1), but got " + confidence + ".");
        }
        int below = 0;
        for (double r : ratios) {
            if (!(r > 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("A ratio must be finite and > 0, but got " + r + ".");
            }
            below += r < 1 ? 1 : 0;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[RESAMPLES];
        double[] sample = new double[ratios.length];
        for (int k = 0; k < RESAMPLES; k++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = ratios[random.nextInt(ratios.length)];
            }
            medians[k] = HarnessStats.median(sample);
        }
        Arrays.sort(medians);
        double tail = (1 - confidence) / 2;
        return new PairedRatios(HarnessStats.median(ratios), percentile(medians, tail),
                percentile(medians, 1 - tail), confidence, ratios.length, below);
    }

    /** The {@code q} quantile of sorted {@code values}, linearly interpolated between order statistics. */
    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int i = (int) Math.floor(position);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (position - i) * (sorted[j] - sorted[i]);
    }

    /** Whether the whole interval lies at or above {@code ratio} (e.g. 0.95: "costs at most 5 %" is shown). */
    public boolean atLeast(double ratio) {
        return lower >= ratio;
    }
}
