package org.neurostream.bci.filter;

import java.util.Objects;
import org.neurostream.bci.ChannelMajor;

/**
 * A causal IIR filter for a continuous multichannel stream that keeps its state between chunks, so filtering a signal
 * in any split into chunks gives exactly the samples {@code scipy.signal.sosfilt} gives on the whole signal.
 *
 * <p>Data blocks are channel-major like {@code SampleChunk} values: channel {@code c}, sample {@code s} is at
 * {@code values[c * sampleCount + s]}. Each section is computed in transposed direct form II, as scipy does, with two
 * state values per channel and section. The filtering loop does not allocate.
 *
 * <p>The initial state is zero (as {@code sosfilt} without {@code zi}) unless {@link #initializeSteadyState} sets it to
 * the steady state for a constant input ({@code sosfilt_zi(sos) * x0}), which removes the start-up transient of
 * signals with a DC offset. {@link #state()} and {@link #restoreState} copy the state for checkpoints.
 *
 * <p>Not thread-safe: one instance per stream (or key).
 */
public final class StreamingSosFilter {
    private final SosCoefficients design;
    private final double[] sos;
    private final int sectionCount;
    private final int channelCount;
    /** zi[(channel * sectionCount + section) * 2 + {0,1}]. */
    private final double[] zi;

    /** A filter for {@code channelCount} channels, starting from zero state. */
    public StreamingSosFilter(SosCoefficients design, int channelCount) {
        this.design = Objects.requireNonNull(design, "design");
        if (channelCount < 1) {
            throw new IllegalArgumentException("channelCount must be at least 1, but got " + channelCount + ".");
        }
        this.sos = design.raw();
        this.sectionCount = design.sectionCount();
        this.channelCount = channelCount;
        this.zi = new double[channelCount * sectionCount * 2];
    }

    /** The design this filter applies. */
    public SosCoefficients design() {
        return design;
    }

    /** Number of channels this filter expects. */
    public int channelCount() {
        return channelCount;
    }

    /**
     * Filters one channel-major block in place: {@code values.length} must be {@code channelCount × sampleCount}.
     */
    public void process(double[] values) {
        process(values, values);
    }

    /**
     * Filters {@code input} (channel-major, {@code channelCount × sampleCount}) into {@code output} of the same length;
     * {@code output} may be {@code input}.
     */
    public void process(double[] input, double[] output) {
        if (output.length != input.length) {
            throw new IllegalArgumentException("Output has " + output.length + " values but input has "
                    + input.length + ".");
        }
        // Checked before filtering so that a NaN never enters (and permanently poisons) the filter state.
        int sampleCount = ChannelMajor.checkBlock("Chunk to filter", input, channelCount);
        int c = 0;
        // Four channels at a time: their recursions are independent, so the CPU overlaps their latency chains.
        for (; c + 4 <= channelCount; c += 4) {
            filterFour(sos, sectionCount, zi, c, input, output, sampleCount);
        }
        for (; c < channelCount; c++) {
            filterRun(sos, sectionCount, zi, c * sectionCount * 2, input, output, c * sampleCount, sampleCount, 1);
        }
    }

    /**
     * Filters a chunk whose sample rate must equal the design's; convenience for callers that carry the rate.
     *
     * @param sampleRateHz the rate of {@code values}, checked against {@link SosCoefficients#sampleRateHz()}
     */
    public void process(double[] values, double sampleRateHz) {
        if (sampleRateHz != design.sampleRateHz()) {
            throw new IllegalArgumentException("Data at " + sampleRateHz + " Hz cannot be filtered with a design for "
                    + design.sampleRateHz() + " Hz.");
        }
        process(values, values);
    }

    /** Sets the state to zero, as for a fresh filter. */
    public void reset() {
        java.util.Arrays.fill(zi, 0.0);
    }

    /**
     * Sets each channel's state to the steady state of a constant input equal to {@code firstSamples[c]}, as scipy's
     * {@code sosfilt(sos, x, zi=sosfilt_zi(sos) * x[0])}.
     */
    public void initializeSteadyState(double[] firstSamples) {
        if (firstSamples.length != channelCount) {
            throw new IllegalArgumentException("Expected one first sample per channel (" + channelCount + "), but got "
                    + firstSamples.length + ".");
        }
        double[] unit = SosFiltering.sosfiltZi(design);
        for (int c = 0; c < channelCount; c++) {
            for (int i = 0; i < unit.length; i++) {
                zi[c * unit.length + i] = unit[i] * firstSamples[c];
            }
        }
    }

    /** Copy of the state: {@code channelCount × sectionCount × 2} values, channel-major. */
    public double[] state() {
        return zi.clone();
    }

    /** Restores a state taken with {@link #state()} from a filter with the same design and channel count. */
    public void restoreState(double[] state) {
        if (state.length != zi.length) {
            throw new IllegalArgumentException("State has " + state.length + " values but this filter ("
                    + channelCount + " channels × " + sectionCount + " sections × 2) needs " + zi.length + ".");
        }
        System.arraycopy(state, 0, zi, 0, zi.length);
    }

    /**
     * The shared sosfilt kernel: filters {@code count} samples of {@code in} starting at {@code offset} with stride
     * {@code stride} into {@code out} at the same positions, updating {@code zi} at {@code ziOffset}. Section by
     * section over the whole run so that coefficients and state stay in registers; each sample sees exactly the
     * operations of scipy's sample-by-sample loop, so results do not depend on how a signal is split into runs.
     */
    static void filterRun(double[] sos, int sectionCount, double[] zi, int ziOffset, double[] in, double[] out,
                          int offset, int count, int stride) {
        double[] src = in;
        for (int s = 0; s < sectionCount; s++) {
            int k = 6 * s;
            double b0 = sos[k];
            double b1 = sos[k + 1];
            double b2 = sos[k + 2];
            double a1 = sos[k + 4];
            double a2 = sos[k + 5];
            int z = ziOffset + 2 * s;
            double z0 = zi[z];
            double z1 = zi[z + 1];
            for (int i = 0, n = offset; i < count; i++, n += stride) {
                double x = src[n];
                double y = b0 * x + z0;
                z0 = b1 * x - a1 * y + z1;
                z1 = b2 * x - a2 * y;
                out[n] = y;
            }
            zi[z] = z0;
            zi[z + 1] = z1;
            src = out;
        }
    }

    /** {@link #filterRun} for channels {@code c .. c+3} of a channel-major block, interleaved. */
    private static void filterFour(double[] sos, int sectionCount, double[] zi, int c, double[] in, double[] out,
                                   int count) {
        int o0 = c * count;
        int o1 = o0 + count;
        int o2 = o1 + count;
        int o3 = o2 + count;
        int stateStride = sectionCount * 2;
        double[] src = in;
        for (int s = 0; s < sectionCount; s++) {
            int k = 6 * s;
            double b0 = sos[k];
            double b1 = sos[k + 1];
            double b2 = sos[k + 2];
            double a1 = sos[k + 4];
            double a2 = sos[k + 5];
            int z = c * stateStride + 2 * s;
            double p0 = zi[z];
            double p1 = zi[z + 1];
            double q0 = zi[z + stateStride];
            double q1 = zi[z + stateStride + 1];
            double r0 = zi[z + 2 * stateStride];
            double r1 = zi[z + 2 * stateStride + 1];
            double t0 = zi[z + 3 * stateStride];
            double t1 = zi[z + 3 * stateStride + 1];
            for (int i = 0; i < count; i++) {
                double xp = src[o0 + i];
                double xq = src[o1 + i];
                double xr = src[o2 + i];
                double xt = src[o3 + i];
                double yp = b0 * xp + p0;
                double yq = b0 * xq + q0;
                double yr = b0 * xr + r0;
                double yt = b0 * xt + t0;
                p0 = b1 * xp - a1 * yp + p1;
                q0 = b1 * xq - a1 * yq + q1;
                r0 = b1 * xr - a1 * yr + r1;
                t0 = b1 * xt - a1 * yt + t1;
                p1 = b2 * xp - a2 * yp;
                q1 = b2 * xq - a2 * yq;
                r1 = b2 * xr - a2 * yr;
                t1 = b2 * xt - a2 * yt;
                out[o0 + i] = yp;
                out[o1 + i] = yq;
                out[o2 + i] = yr;
                out[o3 + i] = yt;
            }
            zi[z] = p0;
            zi[z + 1] = p1;
            zi[z + stateStride] = q0;
            zi[z + stateStride + 1] = q1;
            zi[z + 2 * stateStride] = r0;
            zi[z + 2 * stateStride + 1] = r1;
            zi[z + 3 * stateStride] = t0;
            zi[z + 3 * stateStride + 1] = t1;
            src = out;
        }
    }
}
