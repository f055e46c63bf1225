package org.neurostream.deploy.dashboard;

import java.util.Arrays;

/**
 * Marks channels that are obviously unusable in the last second of a signal, with a deliberately simple rule a
 * clinician can check by eye:
 * <ul>
 *   <li><b>not finite</b>: any NaN or infinite sample;</li>
 *   <li><b>flat</b>: standard deviation 0, or below {@value #FLAT_FRACTION_OF_MEDIAN} × the median standard deviation
 *       of all channels (a disconnected or bridged electrode; relative, so it works in any unit);</li>
 *   <li><b>saturated</b>: at least {@value #SATURATED_FRACTION} of the samples (and {@value #MIN_RAIL_SAMPLES}) sit exactly on
 *       the channel's minimum, or on its maximum, (the amplifier clipping at its rail), while the channel is not flat.</li>
 * </ul>
 * The median makes the flat rule robust to a few bad channels; with a single channel only the absolute rules apply.
 */
final class ChannelQuality {
    /** A channel whose standard deviation is below this fraction of the median channel's is flat. */
    static final double FLAT_FRACTION_OF_MEDIAN = 0.01;
    /** A channel with at least this fraction of samples on its extreme values is saturated. */
    static final double SATURATED_FRACTION = 0.05;
    /** ... and at least this many samples on one extreme, so that short windows do not flag a single repeat. */
    static final int MIN_RAIL_SAMPLES = 4;

    private ChannelQuality() {
    }

    /**
     * Indices of bad channels, ascending.
     *
     * @param values       channel-major samples, {@code channelCount × sampleCount}
     * @param channelCount channels
     */
    static int[] badChannels(double[] values, int channelCount) {
        int n = values.length / channelCount;
        if (n < 2) {
            return new int[0];
        }
        double[] std = new double[channelCount];
        boolean[] bad = new boolean[channelCount];
        for (int c = 0; c < channelCount; c++) {
            int base = c * n;
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean finite = true;
            for (int s = 0; s < n; s++) {
                double v = values[base + s];
                if (!Double.isFinite(v)) {
                    finite = false;
                    break;
                }
                sum += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (!finite) {
                bad[c] = true;
                std[c] = Double.NaN;
                continue;
            }
            double mean = sum / n;
            double ss = 0;
            int atLow = 0;
            int atHigh = 0;
            for (int s = 0; s < n; s++) {
                double v = values[base + s];
                ss += (v - mean) * (v - mean);
                if (v == lo) {
                    atLow++;
                } else if (v == hi) {
                    atHigh++;
                }
            }
            std[c] = Math.sqrt(ss / n);
            double railSamples = Math.max(SATURATED_FRACTION * n, MIN_RAIL_SAMPLES);
            if (std[c] == 0 || atLow >= railSamples || atHigh >= railSamples) {
                bad[c] = true;
            }
        }
        double median = median(std);
        int count = 0;
        for (int c = 0; c < channelCount; c++) {
            if (!bad[c] && channelCount > 1 && median > 0 && std[c] < FLAT_FRACTION_OF_MEDIAN * median) {
                bad[c] = true;
            }
            if (bad[c]) {
                count++;
            }
        }
        int[] result = new int[count];
        for (int c = 0, i = 0; c < channelCount; c++) {
            if (bad[c]) {
                result[i++] = c;
            }
        }
        return result;
    }

    /** Median of the finite values; 0 when there are none. */
    private static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return 0;
        }
        int m = finite.length / 2;
        return finite.length % 2 == 1 ? finite[m] : (finite[m - 1] + finite[m]) / 2;
    }
}
