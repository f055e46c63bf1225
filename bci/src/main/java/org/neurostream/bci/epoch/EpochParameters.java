package org.neurostream.bci.epoch;

import java.util.Map;

/**
 * How to cut epochs around markers, with MNE's {@code Epochs} semantics.
 *
 * @param tminSeconds            epoch start relative to the marker (may be negative)
 * @param tmaxSeconds            epoch end relative to the marker, inclusive; sample offsets are
 *                               {@code round(tmin · fs) .. round(tmax · fs)}
 * @param baseline               baseline correction, or null for none
 * @param rejectPeakToPeak       per channel type (e.g. "eeg"), the peak-to-peak amplitude above which an epoch is
 *                               rejected, in the data's unit (µV for EEG here); as MNE's {@code reject=dict(eeg=...)}.
 *                               Empty for no rejection
 * @param flatPeakToPeak         per channel type, the peak-to-peak amplitude below which a channel counts as flat and
 *                               the epoch is rejected (MNE's {@code flat}); empty for none
 */
public record EpochParameters(double tminSeconds, double tmaxSeconds, Baseline baseline,
                              Map<String, Double> rejectPeakToPeak, Map<String, Double> flatPeakToPeak) {

    public EpochParameters {
        if (!(tminSeconds <= tmaxSeconds) || !Double.isFinite(tminSeconds) || !Double.isFinite(tmaxSeconds)) {
            throw new IllegalArgumentException("tminSeconds (" + tminSeconds + ") must be finite and at most "
                    + "tmaxSeconds (" + tmaxSeconds + ").");
        }
        if (baseline != null) {
            if (baseline.startSeconds() != null && baseline.startSeconds() < tminSeconds) {
                throw new IllegalArgumentException("Baseline start " + baseline.startSeconds()
                        + " s lies before the epoch start tmin = " + tminSeconds + " s.");
            }
            if (baseline.endSeconds() != null && baseline.endSeconds() > tmaxSeconds) {
                throw new IllegalArgumentException("Baseline end " + baseline.endSeconds()
                        + " s lies after the epoch end tmax = " + tmaxSeconds + " s.");
            }
        }
        rejectPeakToPeak = Map.copyOf(rejectPeakToPeak == null ? Map.of() : rejectPeakToPeak);
        flatPeakToPeak = Map.copyOf(flatPeakToPeak == null ? Map.of() : flatPeakToPeak);
        for (var e : rejectPeakToPeak.entrySet()) {
            if (!(e.getValue() > 0)) {
                throw new IllegalArgumentException("Rejection threshold for channel type '" + e.getKey()
                        + "' must be positive, but got " + e.getValue() + ".");
            }
        }
    }

    /** Epochs from {@code tmin} to {@code tmax} without baseline correction or rejection. */
    public static EpochParameters of(double tminSeconds, double tmaxSeconds) {
        return new EpochParameters(tminSeconds, tmaxSeconds, null, Map.of(), Map.of());
    }

    /** Copy with a baseline. */
    public EpochParameters withBaseline(Baseline newBaseline) {
        return new EpochParameters(tminSeconds, tmaxSeconds, newBaseline, rejectPeakToPeak, flatPeakToPeak);
    }

    /** Copy with peak-to-peak rejection thresholds per channel type. */
    public EpochParameters withReject(Map<String, Double> thresholds) {
        return new EpochParameters(tminSeconds, tmaxSeconds, baseline, thresholds, flatPeakToPeak);
    }

    /** Copy with flat-channel thresholds per channel type. */
    public EpochParameters withFlat(Map<String, Double> thresholds) {
        return new EpochParameters(tminSeconds, tmaxSeconds, baseline, rejectPeakToPeak, thresholds);
    }

    /** First sample offset relative to the marker sample, {@code round(tmin · fs)} (half to even, as numpy). */
    public int firstOffset(double sampleRateHz) {
        return (int) Math.rint(tminSeconds * sampleRateHz);
    }

    /** Last sample offset (inclusive), {@code round(tmax · fs)}. */
    public int lastOffset(double sampleRateHz) {
        return (int) Math.rint(tmaxSeconds * sampleRateHz);
    }
}
