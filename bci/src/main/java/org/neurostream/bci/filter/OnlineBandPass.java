package org.neurostream.bci.filter;

/**
 * The band-pass the online job applies to a live or replayed stream: a causal 4th-order Butterworth over a calibrated
 * pipeline's band, started from the steady state of each recording's first sample. (Calibration filters whole runs with
 * a zero-phase FIR, which a live stream cannot.) One design for the job, its dashboard, and the calibration's
 * reference channel power ({@code org.neurostream.bci.pipeline.ChannelPower}), so that the power the job tracks and the
 * reference it is compared with are measured through the same filter.
 */
public final class OnlineBandPass {
    /** Butterworth order (applied causally). */
    public static final int ORDER = 4;

    private OnlineBandPass() {}

    /** The design for a signal at {@code sampleRateHz}, passing {@code lowHz}..{@code highHz}. */
    public static SosCoefficients design(double sampleRateHz, double lowHz, double highHz) {
        return IirDesign.butterworth(ORDER, BandType.BANDPASS, sampleRateHz, lowHz, highHz);
    }

    /**
     * Filters one whole recording (channel-major, {@code channelCount × n}) as the online job does: from the steady
     * state of its first sample.
     */
    public static double[] filterRecording(SosCoefficients design, double[] values, int channelCount) {
        StreamingSosFilter filter = new StreamingSosFilter(design, channelCount);
        int n = values.length / channelCount;
        if (n > 0) {
            double[] first = new double[channelCount];
            for (int c = 0; c < channelCount; c++) {
                first[c] = values[c * n];
            }
            filter.initializeSteadyState(first);
        }
        double[] out = new double[values.length];
        filter.process(values, out);
        return out;
    }
}
