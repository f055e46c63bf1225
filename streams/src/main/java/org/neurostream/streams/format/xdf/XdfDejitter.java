package org.neurostream.streams.format.xdf;

import java.util.List;

/**
 * Jitter removal for one regularly sampled XDF stream, a port of pyxdf 1.17's {@code _jitter_removal}: the
 * timestamps are split into segments at breaks (gaps longer than both thresholds), and within each segment every
 * timestamp is replaced by the least-squares line through (sample index, timestamp).
 */
final class XdfDejitter {
    private XdfDejitter() {
    }

    /**
     * Dejitters {@code timestamps} in place.
     *
     * @param nominalRateHz  the stream's declared rate; irregular streams (0) are left alone
     * @param canDropSamples the header's {@code desc/synchronization/can_drop_samples} is {@code true}: the stream is
     *                       left alone, since a line would compress dropped-frame intervals
     * @return the effective sampling rate in Hz (samples per second of the dejittered segments), 0 when unknown
     */
    static double dejitter(double[] timestamps, double nominalRateHz, boolean canDropSamples,
                           double breakThresholdSeconds, double breakThresholdSamples) {
        int n = timestamps.length;
        if (n == 0 || nominalRateHz == 0) {
            return 0;
        }
        if (canDropSamples) {
            if (n > 1) {
                double duration = timestamps[n - 1] - timestamps[0];
                if (duration > 0) {
                    return (n - 1) / duration;
                }
            }
            return 0;
        }
        double threshold = Math.max(breakThresholdSeconds, breakThresholdSamples * (1.0 / nominalRateHz));
        boolean[] breaks = new boolean[n - 1];
        for (int i = 0; i < n - 1; i++) {
            breaks[i] = Math.abs(timestamps[i + 1] - timestamps[i]) > threshold;
        }
        List<int[]> segments = XdfClockSync.segments(breaks);
        for (int[] segment : segments) {
            fitLine(timestamps, segment[0], segment[1]);
        }
        long countMinusOne = 0;
        double durations = 0;
        boolean anyLonger = false;
        for (int[] segment : segments) {
            countMinusOne += segment[1] - segment[0];
            durations += timestamps[segment[1]] - timestamps[segment[0]];
            anyLonger |= segment[1] > segment[0];
        }
        return anyLonger ? countMinusOne / durations : 0;
    }

    /**
     * Replaces {@code t[start..end]} (inclusive) by the least-squares line {@code m0 + m1 * index}, computed around
     * the segment's first timestamp for accuracy. A one-sample segment gets numpy's minimum-norm solution, which
     * reproduces the sample.
     */
    private static void fitLine(double[] t, int start, int end) {
        int n = end - start + 1;
        if (n == 1) {
            double i = start;
            double m0 = t[start] / (1 + i * i);
            double m1 = i * t[start] / (1 + i * i);
            t[start] = m0 + m1 * i;
            return;
        }
        double t0 = t[start];
        double meanK = (n - 1) / 2.0;
        double sum = 0;
        double compensation = 0;
        for (int k = 0; k < n; k++) {
            double y = (t[start + k] - t0) - compensation;
            double s = sum + y;
            compensation = (s - sum) - y;
            sum = s;
        }
        double meanD = sum / n;
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < n; k++) {
            double dk = k - meanK;
            sxy += dk * ((t[start + k] - t0) - meanD);
            sxx += dk * dk;
        }
        double m1 = sxy / sxx;
        double m0 = t0 + (meanD - m1 * (meanK + start));
        for (int k = start; k <= end; k++) {
            t[k] = m0 + m1 * k;
        }
    }
}
