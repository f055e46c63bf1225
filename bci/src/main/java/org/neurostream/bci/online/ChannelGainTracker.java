package org.neurostream.bci.online;

import org.neurostream.bci.ChannelMajor;

/**
 * Unsupervised per-channel gain adaptation of a continuous band-passed stream, before its spatial filter: each channel
 * is rescaled by g = √(r / m), clamped to [1/{@link #MAX_GAIN}, {@link #MAX_GAIN}], where r is the channel's mean
 * square in the calibration (the reference, {@code org.neurostream.bci.pipeline.ChannelPower}) and m its running mean
 * square in the stream, over the signal's own time with time constant τ seconds: per sample
 * m ← m + αₙ·(x² − m), αₙ = max(α, 1/n), α = 1 − exp(−1 / (τ·fs)), n the samples since the tracker (re)started
 * (this sample included). For the first τ·fs samples after a (re)start m is therefore the plain mean of x² over them
 * (an unbiased power estimate from the first sample on), then the exponential average continues from it (the standard
 * bias-corrected running average; no constant beyond τ). After a step change of a channel's gain by a factor k in a
 * running stream, m moves from r towards k²r as 1 − exp(−t/τ) (1 − 1/e of the way after τ seconds), and the rescaled
 * channel's power k²r·r/m returns to r as it does; a change at a (re)start is undone as soon as the mean over the
 * first samples holds the new power.
 *
 * <p>Why before the spatial filter: CSP's filters were fitted to one weighting of the channels; a change of a
 * channel's gain changes what every filter passes, which no update of a classifier on the filters' outputs can undo.
 * Rescaling each channel back to its calibration power undoes any change of gains, whatever it is. What it also
 * removes is any slow change of a channel's band power slower than τ (fatigue, electrode drift), and a small part of
 * the task's own modulation (an event-related desynchronisation over a few seconds moves m by about its duration / τ
 * of its depth), which is why τ must be long against a trial.
 *
 * <p>Why a restart forgets the previous power ({@link #restart}, and a new tracker): after a restart of the signal
 * (the next recording, electrodes re-applied) nothing says the previous power still holds, and the first trial windows
 * come a few seconds in, when an exponential average carried over would have moved only 1 − exp(−t/τ) of the way.
 * Before its first sample a (re)started tracker keeps its previous m (a new one: the reference, gain 1); the first
 * sample replaces it (α₁ = 1). Each sample updates m before it is scaled. A channel whose reference is 0 (flat in the
 * calibration) is passed unscaled. Non-finite samples are rejected with an error naming channel and sample, as the
 * band-pass before it does (a NaN in m would never leave it).
 *
 * <p>Not thread-safe: one instance per stream (or key); {@link #state()}, {@link #samplesSinceRestart()} and
 * {@link #restoreState} copy m and n for checkpoints. State without n (written before the warm start) restores with
 * n = {@link #RUNNING}: the plain exponential average it ran with.
 */
public final class ChannelGainTracker {
    /** Largest factor a channel is scaled by, either way: a channel more than 4× off is broken, not re-gained. */
    public static final double MAX_GAIN = 4.0;
    /** n of a tracker running for longer than can be counted: always the exponential average (αₙ = α). */
    public static final long RUNNING = Long.MAX_VALUE;

    private final double[] reference;
    private final double alpha;
    private final double[] meanSquare;
    private long samplesSinceRestart;

    /**
     * @param referenceMeanSquare per channel, µV² (finite, non-negative)
     * @param timeConstantSeconds τ, s of signal (positive, finite)
     * @param sampleRateHz the stream's rate, Hz
     */
    public ChannelGainTracker(double[] referenceMeanSquare, double timeConstantSeconds, double sampleRateHz) {
        if (referenceMeanSquare.length == 0) {
            throw new IllegalArgumentException("The channel gain tracker needs a reference for at least one channel.");
        }
        for (int c = 0; c < referenceMeanSquare.length; c++) {
            if (!(referenceMeanSquare[c] >= 0) || Double.isInfinite(referenceMeanSquare[c])) {
                throw new IllegalArgumentException("Reference mean square of channel " + c + " is "
                        + referenceMeanSquare[c] + "; it must be finite and non-negative.");
            }
        }
        if (!(timeConstantSeconds > 0) || Double.isInfinite(timeConstantSeconds)) {
            throw new IllegalArgumentException("Invalid value for 'gainTimeConstantSeconds'. It must be a positive "
                    + "number of seconds, but got " + timeConstantSeconds + " instead.");
        }
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("Sample rate must be positive, but got " + sampleRateHz + " Hz.");
        }
        this.reference = referenceMeanSquare.clone();
        this.alpha = -Math.expm1(-1 / (timeConstantSeconds * sampleRateHz));
        this.meanSquare = referenceMeanSquare.clone();
        this.samplesSinceRestart = 0;
    }

    /** Channels tracked. */
    public int channelCount() {
        return reference.length;
    }

    /**
     * Tracks and rescales one channel-major block ({@code channelCount × n}) from {@code input} into {@code output}
     * (may be the same array).
     *
     * @param what names the block in the error of a non-finite sample (stream, time)
     */
    public void process(double[] input, double[] output, String what) {
        if (output.length != input.length) {
            throw new IllegalArgumentException("Output has " + output.length + " values but input has "
                    + input.length + ".");
        }
        process(input, output, 0, what);
    }

    /**
     * Tracks and rescales one channel-major block ({@code channelCount × n}) from {@code input} into
     * {@code output[outputOffset ..]} (channel-major too), e.g. the second half of a block that carries the signal and
     * its rescaled copy.
     *
     * @param what names the block in the error of a non-finite sample (stream, time)
     */
    public void process(double[] input, double[] output, int outputOffset, String what) {
        if (outputOffset < 0 || output.length - outputOffset < input.length) {
            throw new IllegalArgumentException("Output has " + output.length + " values; it cannot hold "
                    + input.length + " from offset " + outputOffset + ".");
        }
        int n = ChannelMajor.checkBlock(what, input, reference.length);
        for (int c = 0; c < reference.length; c++) {
            double m = meanSquare[c];
            double r = reference[c];
            long seen = samplesSinceRestart;
            for (int i = c * n; i < (c + 1) * n; i++) {
                double x = input[i];
                seen = seen == RUNNING ? RUNNING : seen + 1;
                // α₁ = 1: the first sample replaces m exactly, so nothing of the previous m survives a restart.
                m = seen == 1 ? x * x : m + Math.max(alpha, 1.0 / seen) * (x * x - m);
                output[outputOffset + i] = r == 0 ? x : x * clamp(Math.sqrt(r / m));
            }
            meanSquare[c] = m;
        }
        samplesSinceRestart = samplesSinceRestart > RUNNING - n ? RUNNING : samplesSinceRestart + n;
    }

    /**
     * Restarts the running mean square: from the next sample on it is the mean of x² since the restart until τ·fs
     * samples, then the exponential average (for the next recording of the stream, or after a gap in it).
     */
    public void restart() {
        samplesSinceRestart = 0;
    }

    private static double clamp(double gain) {
        return gain > MAX_GAIN || Double.isNaN(gain) ? MAX_GAIN : Math.max(1 / MAX_GAIN, gain);
    }

    /** The gain channel {@code c} is scaled by now. */
    public double gain(int c) {
        return reference[c] == 0 ? 1 : clamp(Math.sqrt(reference[c] / meanSquare[c]));
    }

    /** Copy of the running mean square per channel, µV². */
    public double[] state() {
        return meanSquare.clone();
    }

    /** Samples seen since the last (re)start, n; {@link #RUNNING} once too many to count (or unknown). */
    public long samplesSinceRestart() {
        return samplesSinceRestart;
    }

    /**
     * Restores a state taken with {@link #state()} and {@link #samplesSinceRestart()} from a tracker of the same
     * channel count.
     *
     * @param samplesSinceRestart n, ≥ 0; {@link #RUNNING} for state written without it (the plain exponential average)
     */
    public void restoreState(double[] state, long samplesSinceRestart) {
        if (state.length != meanSquare.length) {
            throw new IllegalArgumentException("Channel gain state has " + state.length + " channels but this tracker "
                    + "has " + meanSquare.length + ".");
        }
        if (samplesSinceRestart < 0) {
            throw new IllegalArgumentException("Channel gain state counts " + samplesSinceRestart + " samples since "
                    + "its restart; it must be at least 0.");
        }
        System.arraycopy(state, 0, meanSquare, 0, meanSquare.length);
        this.samplesSinceRestart = samplesSinceRestart;
    }
}
