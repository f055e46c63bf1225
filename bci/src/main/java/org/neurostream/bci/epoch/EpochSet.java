package org.neurostream.bci.epoch;

import java.util.List;

/**
 * The result of cutting epochs: kept epochs in marker order and every rejected epoch with its reason, so that
 * {@code kept().size() + rejected().size()} equals the number of markers.
 *
 * @param channelNames     channel names, in data order
 * @param sampleRateHz     sampling rate in Hz
 * @param tminSeconds      time of each epoch's first sample relative to its marker ({@code firstOffset / fs})
 * @param samplesPerEpoch  samples per channel in each epoch
 * @param kept             kept epochs
 * @param rejected         rejected epochs with reasons
 */
public record EpochSet(List<String> channelNames, double sampleRateHz, double tminSeconds, int samplesPerEpoch,
                       List<Epoch> kept, List<RejectedEpoch> rejected) {

    public EpochSet {
        channelNames = List.copyOf(channelNames);
        kept = List.copyOf(kept);
        rejected = List.copyOf(rejected);
    }

    /** Number of channels. */
    public int channelCount() {
        return channelNames.size();
    }
}
