package org.neurostream.bci.filter;

import java.util.Objects;

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
        if (input.length % channelCount != 0) {
            throw new IllegalArgumentException("Block of " + input.length + " values is not a multiple of the filter's "
                    + channelCount + " channels.");
        }
        if (output.length != input.length) {
            throw new IllegalArgumentException("Output has " + output.length + " values but input has "
                    + input.length + ".");
        }
        int sampleCount = input.length / channelCount;
        for (int c = 0; c < channelCount; c++) {
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
     * {@code stride} into {@code out} at the same positions, updating {@code zi} at {@code ziOffset}.
     */
    static void filterRun(double[] sos, int sectionCount, double[] zi, int ziOffset, double[] in, double[] out,
                          int offset, int count, int stride) {
        int end = offset + count * stride;
        for (int n = offset; n != end; n += stride) {
            double x = in[n];
            int z = ziOffset;
            for (int s = 0, k = 0; s < sectionCount; s++, k += 6, z += 2) {
                double y = sos[k] * x + zi[z];
                zi[z] = sos[k + 1] * x - sos[k + 4] * y + zi[z + 1];
                zi[z + 1] = sos[k + 2] * x - sos[k + 5] * y;
                x = y;
            }
            out[n] = x;
        }
    }
}
