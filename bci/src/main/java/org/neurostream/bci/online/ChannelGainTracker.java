package org.neurostream.bci.online;

import org.neurostream.bci.ChannelMajor;

/**
 * Unsupervised per-channel gain adaptation of a continuous band-passed stream, before its spatial filter: each channel
 * is rescaled by g = √(r / m), clamped to [1/{@link #MAX_GAIN}, {@link #MAX_GAIN}], where r is the channel's mean
 * square in the calibration (the reference, {@code org.neurostream.bci.pipeline.ChannelPower}) and m its running mean
 * square in the stream, an exponential average over the signal's own time with time constant τ seconds:
 * m ← m + α·(x² − m) per sample, α = 1 − exp(−1 / (τ·fs)). After a step change of a channel's gain by a factor k the
 * running mean square moves from r towards k²r as 1 − exp(−t/τ) (1 − 1/e of the way after τ seconds), and the rescaled
 * channel's power k²r·r/m returns to r as it does.
 *
 * <p>Why before the spatial filter: CSP's filters were fitted to one weighting of the channels; a change of a
 * channel's gain changes what every filter passes, which no update of a classifier on the filters' outputs can undo.
 * Rescaling each channel back to its calibration power undoes any change of gains, whatever it is. What it also
 * removes is any slow change of a channel's band power slower than τ (fatigue, electrode drift), and a small part of
 * the task's own modulation (an event-related desynchronisation over a few seconds moves m by about its duration / τ
 * of its depth), which is why τ must be long against a trial.
 *
 * <p>The running mean square starts at the reference (gain 1: the stream is taken to be as calibrated until it shows
 * otherwise). Each sample updates m before it is scaled. A channel whose reference is 0 (flat in the calibration) is
 * passed unscaled. Non-finite samples are rejected with an error naming channel and sample, as the band-pass before it
 * does (a NaN in m would never leave it).
 *
 * <p>Not thread-safe: one instance per stream (or key); {@link #state()} and {@link #restoreState} copy m for
 * checkpoints.
 */
public final class ChannelGainTracker {
    /** Largest factor a channel is scaled by, either way: a channel more than 4× off is broken, not re-gained. */
    public static final double MAX_GAIN = 4.0;

    private final double[] reference;
    private final double alpha;
    private final double[] meanSquare;

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
            for (int i = c * n; i < (c + 1) * n; i++) {
                double x = input[i];
                m += alpha * (x * x - m);
                output[outputOffset + i] = r == 0 ? x : x * clamp(Math.sqrt(r / m));
            }
            meanSquare[c] = m;
        }
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

    /** Restores a state taken with {@link #state()} from a tracker of the same channel count. */
    public void restoreState(double[] state) {
        if (state.length != meanSquare.length) {
            throw new IllegalArgumentException("Channel gain state has " + state.length + " channels but this tracker "
                    + "has " + meanSquare.length + ".");
        }
        System.arraycopy(state, 0, meanSquare, 0, meanSquare.length);
    }
}
