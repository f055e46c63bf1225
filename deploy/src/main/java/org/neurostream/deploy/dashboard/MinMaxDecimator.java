package org.neurostream.deploy.dashboard;

/**
 * Reduces a continuous multichannel signal to about {@code targetPointsPerSecond} points per channel for drawing,
 * keeping every peak: each bucket of {@code factor} consecutive samples becomes two points, its minimum and its
 * maximum in the order they occurred, so a trace drawn through the points covers the same vertical range as the full
 * signal would at screen resolution. Streams at or below the target rate pass unchanged.
 *
 * <p>Input and output are channel-major ({@code values[c * samples + s]}, as {@code SampleChunk}). A bucket left
 * incomplete at the end of a block is completed by the next block; {@link #reset} starts afresh (after a gap).
 *
 * <p>The factor can be raised between blocks ({@link #retune}, for a replay faster than real time), and
 * {@link #drain(double)} can thin a block further to a point budget by merging consecutive points into min/max pairs
 * (the envelope of an envelope is the envelope at the coarser factor, so no peak is lost).
 *
 * <p>With a {@linkplain #retune(int, int) stride} above 1 a bucket's min and max are taken over every
 * {@code stride}-th sample of the bucket only (positions 0, stride, 2·stride, … from the bucket's start), so that the
 * cost per block follows the points drawn rather than the samples received. The tap uses this only above real-time
 * speed, where one bucket spans far more samples than the page can resolve.
 *
 * <p>Not thread-safe: one instance per stream.
 */
final class MinMaxDecimator {
    private final int channelCount;
    private final double sampleRateHz;
    /** Samples per bucket; 1 means no decimation. */
    private int factor;
    /** Every {@code stride}-th sample of a bucket is looked at; 1: every sample. */
    private int stride = 1;
    private final double[] min;
    private final double[] max;
    private final int[] minAt;
    private final int[] maxAt;
    private int filled;
    /** Output points per channel, channel-major with a stride of {@code capacity}. */
    private double[] out;
    private int capacity;
    private int points;
    /** Timestamp of the first sample behind the first buffered point, s; NaN when nothing is buffered. */
    private double firstSeconds = Double.NaN;
    /** Timestamp of the next sample expected, s. */
    private double nextSampleSeconds = Double.NaN;

    /**
     * @param channelCount          channels
     * @param sampleRateHz          the stream's rate, Hz (> 0)
     * @param targetPointsPerSecond most points per channel per second of signal after decimation
     */
    MinMaxDecimator(int channelCount, double sampleRateHz, double targetPointsPerSecond) {
        if (!(sampleRateHz > 0) || !(targetPointsPerSecond >= 2)) {
            throw new IllegalArgumentException("Decimation needs a rate > 0 Hz and a target of at least 2 points/s, "
                    + "but got " + sampleRateHz + " Hz and " + targetPointsPerSecond + " points/s.");
        }
        this.channelCount = channelCount;
        this.sampleRateHz = sampleRateHz;
        this.factor = sampleRateHz <= targetPointsPerSecond ? 1
                : (int) Math.ceil(2 * sampleRateHz / targetPointsPerSecond);
        this.min = new double[channelCount];
        this.max = new double[channelCount];
        this.minAt = new int[channelCount];
        this.maxAt = new int[channelCount];
        this.capacity = 64;
        this.out = new double[channelCount * capacity];
    }

    /** Points per second of signal after decimation. */
    double outputRateHz() {
        return factor == 1 ? sampleRateHz : 2 * sampleRateHz / factor;
    }

    /** Samples per bucket (1: the signal passes unchanged). */
    int factor() {
        return factor;
    }

    /** Samples between two samples looked at within a bucket (1: every sample). */
    int stride() {
        return stride;
    }

    /** Buffered points per channel. */
    int points() {
        return points;
    }

    /** Seconds of signal the buffered points cover. */
    double bufferedSeconds() {
        return points / outputRateHz();
    }

    /** Timestamp of the first buffered point, s; NaN when none is buffered. */
    double firstSeconds() {
        return firstSeconds;
    }

    /** Timestamp the next sample should have to continue the signal without a gap, s; NaN after a reset. */
    double nextSampleSeconds() {
        return nextSampleSeconds;
    }

    /**
     * Adds a channel-major block of {@code sampleCount} samples whose first sample is at {@code firstSampleSeconds}.
     *
     * <p>One channel at a time through the whole block (all its buckets), so each channel's samples are read in
     * order: read bucket by bucket across the channels, a 64-channel block jumps between 64 rows for every bucket,
     * which defeats the processor's prefetching (a 64 × 1000 block just decoded by another thread, in 8-sample
     * buckets as every replayed stream's first chunks are, took about twice the CPU that way).
     */
    void add(double[] values, int sampleCount, double firstSampleSeconds) {
        if (Double.isNaN(firstSeconds) && filled == 0) {
            firstSeconds = firstSampleSeconds;
        }
        if (sampleCount > 0) {
            if (filled >= factor) {
                closeBucket(); // the factor was lowered below an open bucket's size
            }
            if (factor == 1) { // stride is 1 with factor 1, and no bucket is open
                ensureRoom(sampleCount);
                for (int c = 0; c < channelCount; c++) {
                    System.arraycopy(values, c * sampleCount, out, c * capacity + points, sampleCount);
                }
                points += sampleCount;
            } else {
                int closing = (filled + sampleCount) / factor;
                ensureRoom(2 * closing);
                for (int c = 0; c < channelCount; c++) {
                    addChannel(c, values, c * sampleCount, sampleCount);
                }
                points += 2 * closing;
                filled = (filled + sampleCount) % factor;
            }
        }
        nextSampleSeconds = firstSampleSeconds + sampleCount / sampleRateHz;
    }

    /**
     * Runs channel {@code c}'s {@code sampleCount} samples from {@code values[row]} on through its buckets, from the
     * open bucket ({@link #filled} samples in), writing a min/max pair after {@link #points} for each bucket that
     * closes and keeping the state of the one left open.
     */
    private void addChannel(int c, double[] values, int row, int sampleCount) {
        int f = filled;
        int o = c * capacity + points;
        double lo = min[c];
        double hi = max[c];
        int loAt = minAt[c];
        int hiAt = maxAt[c];
        int s = 0;
        while (s < sampleCount) {
            int run = Math.min(factor - f, sampleCount - s);
            // the first bucket position at or after `f` that is a multiple of the stride, relative to this run
            int firstLooked;
            if (f == 0) {
                lo = values[row + s];
                hi = lo;
                loAt = 0;
                hiAt = 0;
                firstLooked = stride;
            } else {
                firstLooked = (f + stride - 1) / stride * stride - f;
            }
            int base = row + s;
            for (int k = firstLooked; k < run; k += stride) {
                double v = values[base + k];
                // NaN compares false, so a NaN sample is kept only when it opens the bucket; ChannelQuality flags it
                if (v < lo) {
                    lo = v;
                    loAt = f + k;
                } else if (v > hi) {
                    hi = v;
                    hiAt = f + k;
                }
            }
            f += run;
            s += run;
            if (f >= factor) {
                boolean minFirst = loAt <= hiAt;
                out[o] = minFirst ? lo : hi;
                out[o + 1] = minFirst ? hi : lo;
                o += 2;
                f = 0;
            }
        }
        min[c] = lo;
        max[c] = hi;
        minAt[c] = loAt;
        maxAt[c] = hiAt;
    }

    /** Turns a partly filled bucket into its min/max pair now (the end of the signal). */
    void closeBucket() {
        if (filled == 0) {
            return;
        }
        ensureRoom(2);
        for (int c = 0; c < channelCount; c++) {
            boolean minFirst = minAt[c] <= maxAt[c];
            out[c * capacity + points] = minFirst ? min[c] : max[c];
            out[c * capacity + points + 1] = minFirst ? max[c] : min[c];
        }
        points += 2;
        filled = 0;
    }

    /**
     * Sets the samples per bucket for the points still to come (call after a drain, when no point is buffered), and
     * looks at every sample.
     *
     * @param newFactor samples per bucket, at least 1
     */
    void retune(int newFactor) {
        retune(newFactor, 1);
    }

    /**
     * Sets the samples per bucket and how many of them are looked at, for the points still to come (call after a
     * drain, when no point is buffered). A bucket already open keeps the positions it has seen and continues with
     * the new stride.
     *
     * @param newFactor samples per bucket, at least 1
     * @param newStride every {@code newStride}-th sample of a bucket is looked at: 1 (all) up to {@code newFactor}
     */
    void retune(int newFactor, int newStride) {
        if (points != 0 || newFactor < 1 || newStride < 1 || newStride > newFactor) {
            throw new IllegalStateException("Retune needs an empty buffer, a factor >= 1 and a stride in 1..factor, "
                    + "but " + points + " points are buffered, the factor is " + newFactor + " and the stride "
                    + newStride + ".");
        }
        factor = newFactor;
        stride = newStride;
    }

    /**
     * A drained block: channel-major values, {@code points} per channel, the first at {@code firstSeconds}, spaced
     * {@code 1 / rateHz} s.
     */
    record Block(double firstSeconds, double rateHz, int points, double[] values) {
    }

    /**
     * Takes the buffered points as a block of at most {@code maxPoints} per channel (at least 2) and empties the
     * buffer. Above the budget, runs of {@code g} consecutive points (g even, ≥ 4) become one min/max pair each, and
     * the block's rate spreads the pairs over exactly the time the drained points covered.
     */
    Block drain(double maxPoints) {
        double t0 = firstSeconds;
        int n = points;
        // with no partial bucket pending, the points cover exactly up to the next sample (a closed short bucket too)
        boolean whole = filled == 0 && nextSampleSeconds > t0;
        double rate = whole ? n / (nextSampleSeconds - t0) : outputRateHz();
        if (n <= Math.max(2, maxPoints)) {
            double[] all = drain();
            if (whole) {
                firstSeconds = nextSampleSeconds;
            }
            return new Block(t0, rate, n, all);
        }
        int g = Math.max(4, (int) Math.ceil(2.0 * n / Math.max(2, maxPoints)));
        g += g % 2;
        int groups = (n + g - 1) / g;
        // merged straight from the buffer (no copy of the whole block first)
        double[] merged = new double[channelCount * groups * 2];
        for (int c = 0; c < channelCount; c++) {
            int base = c * capacity;
            for (int k = 0; k < groups; k++) {
                int from = base + k * g;
                int to = base + Math.min(n, (k + 1) * g);
                int lo = from;
                int hi = from;
                for (int i = from + 1; i < to; i++) {
                    if (out[i] < out[lo]) {
                        lo = i;
                    } else if (out[i] > out[hi]) {
                        hi = i;
                    }
                }
                merged[c * groups * 2 + 2 * k] = out[Math.min(lo, hi)];
                merged[c * groups * 2 + 2 * k + 1] = out[Math.max(lo, hi)];
            }
        }
        if (!Double.isNaN(firstSeconds)) {
            firstSeconds += points / outputRateHz();
        }
        points = 0;
        if (whole) {
            firstSeconds = nextSampleSeconds;
        }
        // the pairs are spread over exactly the drained time span (a shorter last run shifts pairs by < one run)
        return new Block(t0, rate * groups * 2 / n, groups * 2, merged);
    }

    /** Takes the buffered points (channel-major, {@code channels × points}) and empties the buffer. */
    double[] drain() {
        double[] block = new double[channelCount * points];
        for (int c = 0; c < channelCount; c++) {
            System.arraycopy(out, c * capacity, block, c * points, points);
        }
        if (!Double.isNaN(firstSeconds)) {
            firstSeconds += points / outputRateHz();
        }
        points = 0;
        return block;
    }

    /** Forgets the buffered points and any partial bucket (the next block starts a new trace segment). */
    void reset() {
        points = 0;
        filled = 0;
        firstSeconds = Double.NaN;
        nextSampleSeconds = Double.NaN;
    }

    private void ensureRoom(int more) {
        if (points + more <= capacity) {
            return;
        }
        int newCapacity = Math.max(capacity * 2, points + more);
        double[] grown = new double[channelCount * newCapacity];
        for (int c = 0; c < channelCount; c++) {
            System.arraycopy(out, c * capacity, grown, c * newCapacity, points);
        }
        out = grown;
        capacity = newCapacity;
    }
}
