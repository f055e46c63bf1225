package org.neurostream.bci;

/**
 * Checks for channel-major sample blocks, the layout every bci signal-processing method takes
 * ({@code values[c * sampleCount + s]}, as {@code SampleChunk} values): the block must split evenly into channels and
 * hold only finite numbers. A NaN or infinity is reported with its channel and sample instead of silently spreading
 * through a filter's state or a spectrum.
 */
public final class ChannelMajor {

    private ChannelMajor() {
    }

    /**
     * Returns the samples per channel of {@code values}, after checking that it splits into {@code channelCount}
     * channels and contains only finite values.
     *
     * @param what names the data in error messages (e.g. "Chunk to filter")
     */
    public static int checkBlock(String what, double[] values, int channelCount) {
        if (channelCount < 1) {
            throw new IllegalArgumentException(what + ": channelCount must be at least 1, but got " + channelCount
                    + ".");
        }
        if (values.length % channelCount != 0) {
            throw new IllegalArgumentException(what + " has " + values.length + " values, which is not a multiple of "
                    + channelCount + " channels.");
        }
        int n = values.length / channelCount;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " contains " + values[i] + " at channel " + i / n
                        + ", sample " + i % n + "; only finite values can be processed.");
            }
        }
        return n;
    }
}
