package org.neurostream.bci.pipeline;

import java.util.Arrays;
import org.neurostream.bci.filter.OnlineBandPass;
import org.neurostream.bci.filter.SosCoefficients;

/**
 * The calibration recordings' mean square per channel after the online job's band-pass ({@link OnlineBandPass}, over
 * the pipeline's band), over the whole continuous recordings (rest and task alike), µV². The reference of the online
 * job's channel gain adaptation ({@code org.neurostream.bci.online.ChannelGainTracker}): the job tracks the same
 * quantity of the stream through the same filter, so without a change of gains the two agree up to the signal's own
 * non-stationarity. Band-passed, not raw: raw EEG's power is dominated by DC offsets and slow drift, which say nothing
 * about a channel's gain in the band the features use. The band-passed signal has zero mean, so its mean square is
 * its variance.
 *
 * @param filterOrder the Butterworth order of the causal band-pass it was measured through ({@link OnlineBandPass#ORDER})
 * @param meanSquare per channel, in the pipeline's channel order, µV²
 * @param seconds how much signal it was measured on, s
 */
public record ChannelPower(int filterOrder, double[] meanSquare, double seconds) {

    public ChannelPower {
        meanSquare = meanSquare.clone();
        for (int c = 0; c < meanSquare.length; c++) {
            if (!(meanSquare[c] >= 0) || Double.isInfinite(meanSquare[c])) {
                throw new IllegalArgumentException("Channel power of channel " + c + " is " + meanSquare[c]
                        + "; it must be finite and non-negative.");
            }
        }
    }

    @Override
    public double[] meanSquare() {
        return meanSquare.clone();
    }

    /** True when it was measured through the band-pass the online job applies now. */
    public boolean matchesOnlineFilter() {
        return filterOrder == OnlineBandPass.ORDER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelPower p && p.filterOrder == filterOrder && Arrays.equals(p.meanSquare, meanSquare)
                && Double.compare(p.seconds, seconds) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * filterOrder + Arrays.hashCode(meanSquare)) + Double.hashCode(seconds);
    }

    @Override
    public String toString() {
        return "ChannelPower[" + meanSquare.length + " channels, " + seconds + " s, order " + filterOrder + "]";
    }

    /**
     * Accumulates the mean square over recordings, each filtered on its own with {@link OnlineBandPass} from the
     * steady state of its first sample (as the online job restarts its filter for each recording).
     */
    public static final class Measurement {
        private final SosCoefficients design;
        private final int channelCount;
        private final double[] sumSquares;
        private long samples;

        /** @param design {@link OnlineBandPass#design} for the calibration's rate and band */
        public Measurement(SosCoefficients design, int channelCount) {
            this.design = design;
            this.channelCount = channelCount;
            this.sumSquares = new double[channelCount];
        }

        /** Adds one recording, channel-major ({@code channelCount × n}, finite values). */
        public Measurement add(double[] values) {
            double[] filtered = OnlineBandPass.filterRecording(design, values, channelCount);
            int n = filtered.length / channelCount;
            for (int c = 0; c < channelCount; c++) {
                double s = 0;
                for (int i = c * n; i < (c + 1) * n; i++) {
                    s += filtered[i] * filtered[i];
                }
                sumSquares[c] += s;
            }
            samples += n;
            return this;
        }

        /** The mean square of everything added. */
        public ChannelPower result() {
            if (samples == 0) {
                throw new IllegalStateException("No signal was added to measure the channel power on.");
            }
            double[] ms = new double[channelCount];
            for (int c = 0; c < channelCount; c++) {
                ms[c] = sumSquares[c] / samples;
            }
            return new ChannelPower(OnlineBandPass.ORDER, ms, samples / design.sampleRateHz());
        }
    }
}
