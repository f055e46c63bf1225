package org.neurostream.bci.filter;

import org.neurostream.bci.ChannelMajor;

/**
 * EEG re-referencing of channel-major blocks ({@code values[c * sampleCount + s]}), in place: the common average
 * reference subtracts, at every sample, the mean over all channels of the block; a single reference channel subtracts that
 * channel (which becomes zero). Both are as MNE's {@code set_eeg_reference('average')} and
 * {@code set_eeg_reference([name])}. Neither allocates.
 */
public final class Rereference {

    private Rereference() {
    }

    /** Common average reference over all channels. */
    public static void commonAverage(double[] values, int channelCount) {
        int n = sampleCount(values, channelCount);
        for (int s = 0; s < n; s++) {
            double sum = 0;
            for (int c = 0; c < channelCount; c++) {
                sum += values[c * n + s];
            }
            double mean = sum / channelCount;
            for (int c = 0; c < channelCount; c++) {
                values[c * n + s] -= mean;
            }
        }
    }

    /** Subtracts channel {@code referenceChannel} from every channel. */
    public static void toChannel(double[] values, int channelCount, int referenceChannel) {
        int n = sampleCount(values, channelCount);
        if (referenceChannel < 0 || referenceChannel >= channelCount) {
            throw new IllegalArgumentException("referenceChannel " + referenceChannel + " is not one of the "
                    + channelCount + " channels (0.." + (channelCount - 1) + ").");
        }
        int ref = referenceChannel * n;
        for (int s = 0; s < n; s++) {
            double r = values[ref + s];
            for (int c = 0; c < channelCount; c++) {
                values[c * n + s] -= r;
            }
        }
    }

    private static int sampleCount(double[] values, int channelCount) {
        return ChannelMajor.checkBlock("Block to re-reference", values, channelCount);
    }
}
