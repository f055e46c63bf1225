package org.neurostream.bci.epoch;

/**
 * A baseline window relative to the marker, in seconds, as MNE's {@code baseline=(a, b)}: {@code null} for an edge
 * means the epoch's start ({@code a}) or end ({@code b}). The mean over samples with {@code a <= t <= b} is subtracted
 * from each channel of the epoch.
 *
 * @param startSeconds window start relative to the marker, or null for the epoch start
 * @param endSeconds   window end relative to the marker, or null for the epoch end
 */
public record Baseline(Double startSeconds, Double endSeconds) {

    public Baseline {
        if (startSeconds != null && endSeconds != null && startSeconds > endSeconds) {
            throw new IllegalArgumentException("Baseline start " + startSeconds + " s is after its end " + endSeconds
                    + " s.");
        }
    }

    /** MNE's default {@code (None, 0)}: from the epoch start to the marker. */
    public static Baseline untilMarker() {
        return new Baseline(null, 0.0);
    }
}
