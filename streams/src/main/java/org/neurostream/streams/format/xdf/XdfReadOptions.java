package org.neurostream.streams.format.xdf;

/**
 * How {@link XdfReader} post-processes timestamps, with the same meaning and defaults as the parameters of pyxdf's
 * {@code load_xdf} (pyxdf 1.17), so that a file read with equal options gives the timestamps pyxdf gives.
 *
 * @param synchronizeClocks                 map each stream's timestamps onto the recorder's clock with a robust
 *                                          linear fit of its ClockOffset chunks (pyxdf {@code synchronize_clocks})
 * @param handleClockResets                 split the clock offsets into segments at detected clock resets and fit
 *                                          each segment separately (pyxdf {@code handle_clock_resets})
 * @param dejitterTimestamps                replace the timestamps of each regularly sampled stream by a least-squares
 *                                          line per segment between breaks (pyxdf {@code dejitter_timestamps})
 * @param jitterBreakThresholdSeconds       a gap of more than this many seconds (and more than
 *                                          {@code jitterBreakThresholdSamples} sample periods) starts a new dejitter
 *                                          segment
 * @param jitterBreakThresholdSamples       a gap of more than this many nominal sample periods (and more than
 *                                          {@code jitterBreakThresholdSeconds}) starts a new dejitter segment
 * @param clockResetThresholdSeconds        a clock reset needs a gap between ClockOffset measurements that is this
 *                                          many seconds away from the median gap
 * @param clockResetThresholdStds           ... and this many median absolute deviations away
 * @param clockResetThresholdOffsetSeconds  a clock reset needs a jump of the offset value this many seconds away
 *                                          from the median change
 * @param clockResetThresholdOffsetStds     ... and this many median absolute deviations away
 * @param winsorThresholdSeconds            offsets deviating more than this many seconds from the fit are treated
 *                                          robustly (Huber loss) rather than as squared errors
 */
public record XdfReadOptions(
        boolean synchronizeClocks,
        boolean handleClockResets,
        boolean dejitterTimestamps,
        double jitterBreakThresholdSeconds,
        double jitterBreakThresholdSamples,
        double clockResetThresholdSeconds,
        double clockResetThresholdStds,
        double clockResetThresholdOffsetSeconds,
        double clockResetThresholdOffsetStds,
        double winsorThresholdSeconds) {

    public XdfReadOptions {
        requirePositive("winsorThresholdSeconds", winsorThresholdSeconds);
        requireNotNaN("jitterBreakThresholdSeconds", jitterBreakThresholdSeconds);
        requireNotNaN("jitterBreakThresholdSamples", jitterBreakThresholdSamples);
        requireNotNaN("clockResetThresholdSeconds", clockResetThresholdSeconds);
        requireNotNaN("clockResetThresholdStds", clockResetThresholdStds);
        requireNotNaN("clockResetThresholdOffsetSeconds", clockResetThresholdOffsetSeconds);
        requireNotNaN("clockResetThresholdOffsetStds", clockResetThresholdOffsetStds);
    }

    /**
     * pyxdf's defaults: clocks synchronized with clock-reset handling, timestamps dejittered, break thresholds 1 s and
     * 500 samples, reset thresholds 5 s / 5 MADs (time) and 1 s / 10 MADs (offset), winsor threshold 0.1 ms.
     */
    public static XdfReadOptions defaults() {
        return new XdfReadOptions(true, true, true, 1, 500, 5, 5, 1, 10, 0.0001);
    }

    public XdfReadOptions withSynchronizeClocks(boolean value) {
        return new XdfReadOptions(value, handleClockResets, dejitterTimestamps, jitterBreakThresholdSeconds,
                jitterBreakThresholdSamples, clockResetThresholdSeconds, clockResetThresholdStds,
                clockResetThresholdOffsetSeconds, clockResetThresholdOffsetStds, winsorThresholdSeconds);
    }

    public XdfReadOptions withHandleClockResets(boolean value) {
        return new XdfReadOptions(synchronizeClocks, value, dejitterTimestamps, jitterBreakThresholdSeconds,
                jitterBreakThresholdSamples, clockResetThresholdSeconds, clockResetThresholdStds,
                clockResetThresholdOffsetSeconds, clockResetThresholdOffsetStds, winsorThresholdSeconds);
    }

    public XdfReadOptions withDejitterTimestamps(boolean value) {
        return new XdfReadOptions(synchronizeClocks, handleClockResets, value, jitterBreakThresholdSeconds,
                jitterBreakThresholdSamples, clockResetThresholdSeconds, clockResetThresholdStds,
                clockResetThresholdOffsetSeconds, clockResetThresholdOffsetStds, winsorThresholdSeconds);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Invalid value for '" + name + "': it must be finite and > 0, but got "
                    + value + " instead.");
        }
    }

    private static void requireNotNaN(String name, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("Invalid value for '" + name + "': it must be a number, but got NaN.");
        }
    }
}
