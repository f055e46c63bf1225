package org.neurostream.bci.epoch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.neurostream.bci.ChannelMajor;

/**
 * Cuts epochs around markers from continuous channel-major data ({@code values[c * sampleCount + s]}), as MNE's
 * {@code mne.Epochs(raw, events, tmin=..., tmax=..., baseline=..., reject=..., flat=...)}:
 *
 * <ol>
 *   <li>a marker at {@code t} seconds falls on sample {@code round((t − firstSampleTime) · fs)};</li>
 *   <li>the epoch spans offsets {@code round(tmin · fs) .. round(tmax · fs)} inclusive around it; an epoch that does
 *       not fit in the data is rejected as NO_DATA;</li>
 *   <li>baseline correction subtracts each channel's mean over the baseline window;</li>
 *   <li>an epoch is rejected when any channel's peak-to-peak amplitude exceeds (reject) or falls below (flat) the
 *       threshold of its channel type; the rejection names the offending channels.</li>
 * </ol>
 * Nothing is dropped silently: every marker ends up in {@link EpochSet#kept()} or {@link EpochSet#rejected()}.
 */
public final class Epocher {
    private final List<String> channelNames;
    private final List<String> channelTypes;
    private final double sampleRateHz;
    private final EpochParameters parameters;

    /**
     * @param channelNames one name per channel
     * @param channelTypes one type per channel ("eeg", "eog", ...), matched against the rejection maps
     * @param sampleRateHz sampling rate in Hz
     * @param parameters   epoch window, baseline and rejection
     */
    public Epocher(List<String> channelNames, List<String> channelTypes, double sampleRateHz,
                   EpochParameters parameters) {
        this.channelNames = List.copyOf(channelNames);
        this.channelTypes = List.copyOf(channelTypes);
        if (channelNames.size() != channelTypes.size() || channelNames.isEmpty()) {
            throw new IllegalArgumentException("Need one type per channel: " + channelNames.size() + " names but "
                    + channelTypes.size() + " types.");
        }
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sampleRateHz must be positive and finite, but got " + sampleRateHz
                    + ".");
        }
        this.sampleRateHz = sampleRateHz;
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        for (String type : parameters.rejectPeakToPeak().keySet()) {
            if (!channelTypes.contains(type)) {
                throw new IllegalArgumentException("Rejection threshold given for channel type '" + type
                        + "', but no channel has that type (types: " + new java.util.TreeSet<>(channelTypes) + ").");
            }
        }
    }

    /**
     * Cuts one epoch per marker.
     *
     * @param values                  continuous channel-major data
     * @param firstSampleTimeSeconds  time of sample 0 on the marker clock
     * @param markerTimesSeconds      marker times
     * @param markerLabels            one label per marker
     */
    public EpochSet cut(double[] values, double firstSampleTimeSeconds, double[] markerTimesSeconds,
                        List<String> markerLabels) {
        int channelCount = channelNames.size();
        int n = ChannelMajor.checkBlock("Continuous data to epoch", values, channelCount);
        if (markerLabels.size() != markerTimesSeconds.length) {
            throw new IllegalArgumentException(markerTimesSeconds.length + " marker times but "
                    + markerLabels.size() + " labels.");
        }
        int first = parameters.firstOffset(sampleRateHz);
        int last = parameters.lastOffset(sampleRateHz);
        int length = last - first + 1;
        int[] baselineRange = baselineRange(first, length);
        List<Epoch> kept = new ArrayList<>();
        List<RejectedEpoch> rejected = new ArrayList<>();
        for (int m = 0; m < markerTimesSeconds.length; m++) {
            double t = markerTimesSeconds[m];
            String label = markerLabels.get(m);
            int sample = (int) Math.rint((t - firstSampleTimeSeconds) * sampleRateHz);
            int start = sample + first;
            int stop = sample + last;
            if (!Double.isFinite(t) || start < 0 || stop >= n) {
                rejected.add(new RejectedEpoch(m, label, t, RejectedEpoch.Reason.NO_DATA, List.of(),
                        "Epoch samples " + start + ".." + stop + " around the marker at " + t
                                + " s lie outside the data (samples 0.." + (n - 1) + ")."));
                continue;
            }
            double[] data = new double[channelCount * length];
            for (int c = 0; c < channelCount; c++) {
                System.arraycopy(values, c * n + start, data, c * length, length);
            }
            if (baselineRange != null) {
                for (int c = 0; c < channelCount; c++) {
                    double mean = 0;
                    for (int s = baselineRange[0]; s < baselineRange[1]; s++) {
                        mean += data[c * length + s];
                    }
                    mean /= baselineRange[1] - baselineRange[0];
                    for (int s = 0; s < length; s++) {
                        data[c * length + s] -= mean;
                    }
                }
            }
            RejectedEpoch rejection = check(data, length, m, label, t);
            if (rejection != null) {
                rejected.add(rejection);
            } else {
                kept.add(new Epoch(m, label, t, sample, data));
            }
        }
        return new EpochSet(channelNames, sampleRateHz, first / sampleRateHz, length, kept, rejected);
    }

    /** [from, to) sample indices inside the epoch for the baseline mean, as MNE's _get_baseline_indices. */
    private int[] baselineRange(int first, int length) {
        Baseline baseline = parameters.baseline();
        if (baseline == null) {
            return null;
        }
        int from = 0;
        int to = length;
        if (baseline.startSeconds() != null) {
            from = length;
            for (int s = 0; s < length; s++) {
                if ((first + s) / sampleRateHz >= baseline.startSeconds()) {
                    from = s;
                    break;
                }
            }
        }
        if (baseline.endSeconds() != null) {
            to = 0;
            for (int s = length - 1; s >= 0; s--) {
                if ((first + s) / sampleRateHz <= baseline.endSeconds()) {
                    to = s + 1;
                    break;
                }
            }
        }
        if (from >= to) {
            throw new IllegalArgumentException("The baseline window " + baseline + " contains no sample of the epoch "
                    + "(tmin " + parameters.tminSeconds() + " s, tmax " + parameters.tmaxSeconds() + " s at "
                    + sampleRateHz + " Hz).");
        }
        return new int[] {from, to};
    }

    private RejectedEpoch check(double[] data, int length, int markerIndex, String label, double t) {
        List<String> rejectChannels = new ArrayList<>();
        List<String> flatChannels = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        for (int c = 0; c < channelNames.size(); c++) {
            Double reject = parameters.rejectPeakToPeak().get(channelTypes.get(c));
            Double flat = parameters.flatPeakToPeak().get(channelTypes.get(c));
            if (reject == null && flat == null) {
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < length; s++) {
                double v = data[c * length + s];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double ptp = max - min;
            if (reject != null && (ptp > reject || Double.isNaN(ptp))) {
                rejectChannels.add(channelNames.get(c));
                detail.append(String.format(java.util.Locale.ROOT, "%s peak-to-peak %.3f > %.3f; ",
                        channelNames.get(c), ptp, reject));
            } else if (flat != null && ptp < flat) {
                flatChannels.add(channelNames.get(c));
                detail.append(String.format(java.util.Locale.ROOT, "%s peak-to-peak %.3g < flat %.3g; ",
                        channelNames.get(c), ptp, flat));
            }
        }
        if (!rejectChannels.isEmpty()) {
            return new RejectedEpoch(markerIndex, label, t, RejectedEpoch.Reason.PEAK_TO_PEAK, rejectChannels,
                    detail.toString().trim());
        }
        if (!flatChannels.isEmpty()) {
            return new RejectedEpoch(markerIndex, label, t, RejectedEpoch.Reason.FLAT, flatChannels,
                    detail.toString().trim());
        }
        return null;
    }
}
