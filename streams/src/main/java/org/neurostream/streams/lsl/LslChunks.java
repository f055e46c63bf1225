package org.neurostream.streams.lsl;

/** Converts between liblsl's sample-major chunks and neurostream's channel-major {@code SampleChunk} layout. */
public final class LslChunks {
    private LslChunks() {
    }

    /** {@code sampleMajor[s * channels + c]} for {@code samples} samples → a new {@code [c * samples + s]} array. */
    public static double[] toChannelMajor(double[] sampleMajor, int samples, int channels) {
        double[] channelMajor = new double[samples * channels];
        for (int s = 0; s < samples; s++) {
            int row = s * channels;
            for (int c = 0; c < channels; c++) {
                channelMajor[c * samples + s] = sampleMajor[row + c];
            }
        }
        return channelMajor;
    }

    /**
     * Writes samples {@code [from, from + count)} of a channel-major array holding {@code totalSamples} samples
     * into {@code sampleMajor} (which must hold {@code count * channels} values).
     */
    public static void toSampleMajor(double[] channelMajor, int totalSamples, int channels, int from, int count,
                                     double[] sampleMajor) {
        for (int s = 0; s < count; s++) {
            int row = s * channels;
            for (int c = 0; c < channels; c++) {
                sampleMajor[row + c] = channelMajor[c * totalSamples + from + s];
            }
        }
    }
}
