package org.neurostream.bci.epoch;

import java.util.List;

/**
 * An epoch that was not kept, with why.
 *
 * @param markerIndex       position of its marker in the input marker list
 * @param label             the marker's label
 * @param markerTimeSeconds the marker time
 * @param reason            what happened: {@link Reason#NO_DATA}, {@link Reason#PEAK_TO_PEAK} or {@link Reason#FLAT}
 * @param channels          channels that exceeded the threshold (MNE's drop_log entry); empty for NO_DATA
 * @param detail            a sentence with the numbers (epoch range vs data range, or amplitude vs threshold)
 */
public record RejectedEpoch(int markerIndex, String label, double markerTimeSeconds, Reason reason,
                            List<String> channels, String detail) {

    /** Why an epoch was rejected. */
    public enum Reason {
        /** The epoch window extends beyond the available data. */
        NO_DATA,
        /** A channel's peak-to-peak amplitude exceeded its type's rejection threshold. */
        PEAK_TO_PEAK,
        /** A channel's peak-to-peak amplitude was below its type's flat threshold. */
        FLAT
    }

    public RejectedEpoch {
        channels = List.copyOf(channels);
    }
}
