package org.neurostream.streams.format.xdf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Clock synchronization of one XDF stream from its ClockOffset chunks, a line-by-line port of pyxdf 1.17's
 * {@code _truncate_corrupted_offsets}, {@code _detect_clock_resets}, {@code _clock_sync} and {@code _robust_fit}, so
 * that corrected timestamps equal pyxdf's to within floating-point rounding.
 *
 * <p>Each ClockOffset chunk says: at {@code time} (stream clock) the recorder's clock was ahead by {@code value}. The
 * offsets are split into segments at clock resets, a robust (Huber, ADMM) line {@code value = c0 + c1 * time} is
 * fitted per segment, and every timestamp {@code t} becomes {@code t + c0 + c1 * t} with the line of its segment.
 */
final class XdfClockSync {
    /** pyxdf's {@code np.finfo(float).eps}. */
    private static final double EPS = Math.ulp(1.0);
    /** ADMM iterations of pyxdf's {@code _robust_fit}. */
    private static final int ROBUST_FIT_ITERATIONS = 1000;
    /** Thresholds of pyxdf's {@code _detect_corrupted_clock_offset}. */
    private static final double CORRUPTED_TIME_RATIO = 10.0;
    private static final double CORRUPTED_VALUE_ZSCORE = 10.0;
    /** Scales a median absolute deviation to a normal standard deviation. */
    private static final double MAD_TO_STD = 1.4826;

    private XdfClockSync() {
    }

    /**
     * pyxdf's {@code _detect_corrupted_clock_offset}: whether the last clock offset is anomalous compared with the
     * others (interval more than 10 times the median interval, or value more than 10 robust standard deviations
     * from the median). Part of the detection of the pylsl#67 / liblsl#246 bug.
     */
    static boolean lastOffsetLooksCorrupted(double[] times, double[] values) {
        int n = times.length;
        if (n < 3) {
            return false;
        }
        double[] intervals = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            intervals[i] = times[i + 1] - times[i];
        }
        double medianInterval = median(Arrays.copyOf(intervals, n - 2));
        double lastInterval = Math.abs(intervals[n - 2]);
        double timeRatio;
        if (medianInterval > 0) {
            timeRatio = lastInterval / medianInterval;
        } else {
            timeRatio = lastInterval > 0 ? Double.POSITIVE_INFINITY : 1.0;
        }
        double[] head = Arrays.copyOf(values, n - 1);
        double medianValue = median(head);
        double[] deviations = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            deviations[i] = Math.abs(head[i] - medianValue);
        }
        double mad = median(deviations);
        double valueZscore = mad > EPS ? Math.abs(values[n - 1] - medianValue) / (MAD_TO_STD * mad) : 0.0;
        return timeRatio > CORRUPTED_TIME_RATIO || valueZscore > CORRUPTED_VALUE_ZSCORE;
    }

    /**
     * pyxdf's {@code _clock_sync} for one stream: corrects {@code timestamps} in place.
     *
     * @param streamLabel names the stream in problem messages
     * @param problems    receives a message for every offset segment that could not be used
     */
    static void synchronize(double[] timestamps, double[] clockTimes, double[] clockValues, XdfReadOptions options,
                            String streamLabel, List<String> problems) {
        int nOffsets = clockTimes.length;
        if (timestamps.length == 0 || nOffsets == 0) {
            return;
        }
        List<int[]> ranges = options.handleClockResets() && nOffsets > 1
                ? detectClockResets(clockTimes, clockValues, options)
                : List.of(new int[] {0, nOffsets - 1});
        double winsor = options.winsorThresholdSeconds();
        List<double[]> coefs = new ArrayList<>(ranges.size());
        for (int[] range : ranges) {
            if (range[0] != range[1]) {
                int n = range[1] + 1 - range[0];
                double[] x = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = clockTimes[range[0] + i] / winsor;
                    y[i] = clockValues[range[0] + i] / winsor;
                }
                double[] c = robustFit(x, y);
                if (c == null) {
                    problems.add(streamLabel + ": clock offsets " + range[0] + ".." + range[1]
                            + " cannot be used for synchronization (singular fit); their segment is left uncorrected.");
                    c = new double[] {0, 0};
                } else {
                    c[0] *= winsor;
                }
                coefs.add(c);
            } else {
                coefs.add(new double[] {clockValues[range[0]], 0});
            }
        }
        if (ranges.size() == 1) {
            apply(timestamps, 0, timestamps.length, coefs.get(0));
            return;
        }
        // Timestamps are assumed to increase; each segment ends at the first timestamp that is closer to the next
        // segment's first offset time than to this segment's last one.
        int tsStart = 0;
        for (int r = 0; r < ranges.size(); r++) {
            int[] range = ranges.get(r);
            int stop = range[1] + 1;
            int tsStop;
            if (stop < nOffsets) {
                double currentEnd = clockTimes[range[1]];
                double nextStart = clockTimes[stop];
                tsStop = timestamps.length;
                for (int i = tsStart; i < timestamps.length; i++) {
                    if (!(Math.abs(timestamps[i] - currentEnd) < Math.abs(timestamps[i] - nextStart))) {
                        tsStop = i;
                        break;
                    }
                }
            } else {
                tsStop = timestamps.length;
            }
            if (tsStart == tsStop) {
                problems.add(streamLabel + ": no samples in clock offsets " + range[0] + ".." + range[1]
                        + " (between clock resets); that offset segment is skipped.");
            } else {
                apply(timestamps, tsStart, tsStop, coefs.get(r));
                tsStart = tsStop;
            }
        }
    }

    private static void apply(double[] timestamps, int from, int to, double[] coef) {
        double c0 = coef[0];
        double c1 = coef[1];
        for (int i = from; i < to; i++) {
            timestamps[i] += c0 + c1 * timestamps[i];
        }
    }

    /** pyxdf's {@code _detect_clock_resets}: inclusive index ranges of offsets between clock resets. */
    static List<int[]> detectClockResets(double[] clockTimes, double[] clockValues, XdfReadOptions options) {
        int n = clockTimes.length;
        double[] timeDiff = new double[n - 1];
        double[] valueDiff = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            timeDiff[i] = clockTimes[i + 1] - clockTimes[i];
            valueDiff[i] = clockValues[i + 1] - clockValues[i];
        }
        boolean[] timeGlitch = segmentClockDiff(timeDiff, options.clockResetThresholdStds(),
                options.clockResetThresholdSeconds());
        boolean[] valueGlitch = segmentClockDiff(valueDiff, options.clockResetThresholdOffsetStds(),
                options.clockResetThresholdOffsetSeconds());
        boolean[] resets = new boolean[n - 1];
        for (int i = 0; i < n - 1; i++) {
            resets[i] = timeDiff[i] < 0 || (timeGlitch[i] && valueGlitch[i]);
        }
        return segments(resets);
    }

    /**
     * pyxdf's {@code _find_segment_indices}: {@code breaks[i]} marks a break between element {@code i} and
     * {@code i + 1}; returns inclusive {@code [start, end]} index ranges of the {@code breaks.length + 1} elements.
     */
    static List<int[]> segments(boolean[] breaks) {
        List<int[]> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < breaks.length; i++) {
            if (breaks[i]) {
                segments.add(new int[] {start, i});
                start = i + 1;
            }
        }
        segments.add(new int[] {start, breaks.length});
        return segments;
    }

    private static boolean[] segmentClockDiff(double[] diff, double thresholdStds, double thresholdSeconds) {
        double median = median(diff);
        double[] shift = new double[diff.length];
        double[] shiftAbs = new double[diff.length];
        for (int i = 0; i < diff.length; i++) {
            shift[i] = diff[i] - median;
            shiftAbs[i] = Math.abs(shift[i]);
        }
        double mad = median(shiftAbs) + EPS;
        boolean[] breaks = new boolean[diff.length];
        for (int i = 0; i < diff.length; i++) {
            breaks[i] = Math.abs(shift[i] / mad) > thresholdStds && shiftAbs[i] > thresholdSeconds;
        }
        return breaks;
    }

    /**
     * pyxdf's {@code _robust_fit} for the design matrix {@code [1, x]}: Huber-loss regression of {@code y} on
     * {@code x} by ADMM ({@code rho = 1}, 1000 iterations), solving the 2×2 normal equations through a Cholesky factor
     * with the row pivoting LAPACK's {@code gesv} applies. Returns {@code {intercept, slope}}, or null where numpy
     * raises {@code LinAlgError} (the normal matrix is not positive definite).
     */
    static double[] robustFit(double[] x, double[] y) {
        int n = x.length;
        double offset = Double.POSITIVE_INFINITY;
        for (double v : x) {
            if (Double.isNaN(v)) {
                offset = Double.NaN;
                break;
            }
            offset = Math.min(offset, v);
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = x[i] - offset;
        }
        double aty0 = sumLikeOpenBlas(null, y);
        double aty1 = sumLikeOpenBlas(a, y);
        double ata01 = sumLikeOpenBlas(null, a);
        double ata11 = sumLikeOpenBlas(a, a);
        // Cholesky A'A = L L' as OpenBLAS's potf2 computes it (scaling by the reciprocal of the pivot).
        double l00 = Math.sqrt(n);
        double l10 = ata01 * (1.0 / l00);
        double d11 = ata11 - l10 * l10;
        if (d11 <= 0) {
            return null;
        }
        double l11 = Math.sqrt(d11);
        double[] z = new double[n];
        double[] u = new double[n];
        double[] zu = new double[n];
        double[] w = new double[2];
        double[] sol = new double[2];
        for (int k = 0; k < ROBUST_FIT_ITERATIONS; k++) {
            for (int i = 0; i < n; i++) {
                zu[i] = z[i] - u[i];
            }
            double r0 = aty0 + sumLikeOpenBlas(null, zu);
            double r1 = aty1 + sumLikeOpenBlas(a, zu);
            if (!solve2x2(l00, 0, l10, l11, r0, r1, w) || !solve2x2(l00, l10, 0, l11, w[0], w[1], sol)) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                double d = (sol[0] + a[i] * sol[1]) - y[i] + u[i];
                double dInv = d != 0 ? 1 / d : 0;
                double tmp = Math.max(0, 1 - 2 * Math.abs(dInv));
                double zi = 0.5 * d + 0.5 * tmp * d;
                z[i] = zi;
                u[i] = d - zi;
            }
        }
        sol[0] -= sol[1] * offset;
        return new double[] {sol[0], sol[1]};
    }

    /**
     * {@code sum(v[i] * w[i])} ({@code v == null} meaning all ones) in the order numpy's OpenBLAS {@code dgemv} kernel
     * sums a 2-row product such as {@code A.T @ y}: pairs of products added to the total four at a time, then the tail
     * one by one. The clock-offset normal equations are ill-conditioned (condition ~1e13 for long recordings), so
     * reproducing this order, rather than a plain loop, is what makes the fit equal pyxdf's to the last bit.
     */
    private static double sumLikeOpenBlas(double[] v, double[] w) {
        int n = w.length;
        double total = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            if (v == null) {
                total += w[i] + w[i + 1];
                total += w[i + 2] + w[i + 3];
            } else {
                total += v[i] * w[i] + v[i + 1] * w[i + 1];
                total += v[i + 2] * w[i + 2] + v[i + 3] * w[i + 3];
            }
        }
        for (; i < n; i++) {
            total += v == null ? w[i] : v[i] * w[i];
        }
        return total;
    }

    /**
     * Solves {@code [[m00, m01], [m10, m11]] x = [b0, b1]} by LU with partial pivoting as LAPACK's {@code gesv}
     * does; false when the matrix is exactly singular.
     */
    private static boolean solve2x2(double m00, double m01, double m10, double m11, double b0, double b1,
                                    double[] out) {
        double p00 = m00;
        double p01 = m01;
        double p10 = m10;
        double p11 = m11;
        double c0 = b0;
        double c1 = b1;
        if (Math.abs(m10) > Math.abs(m00)) {
            p00 = m10;
            p01 = m11;
            p10 = m00;
            p11 = m01;
            c0 = b1;
            c1 = b0;
        }
        if (p00 == 0) {
            return false;
        }
        double l = p10 * (1.0 / p00);
        double u11 = p11 - l * p01;
        if (u11 == 0) {
            return false;
        }
        double y1 = c1 - l * c0;
        double x1 = y1 / u11;
        out[1] = x1;
        out[0] = (c0 - p01 * x1) / p00;
        return true;
    }

    /** numpy's {@code median}: the middle value, the mean of the two middle values, or NaN when any value is NaN. */
    static double median(double[] values) {
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[n - 1])) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
