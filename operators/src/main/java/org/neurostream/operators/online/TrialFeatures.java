package org.neurostream.operators.online;

/**
 * The feature vector of one trial, with the trial's identity and timing carried over from its {@link TrialEpoch}.
 *
 * @param sessionKey the keyed-state key (subject)
 * @param recording the recording the trial comes from
 * @param label the cue marker's text (true class)
 * @param cueSeconds the cue's timestamp, s on the recording clock
 * @param features the feature vector of the adaptive pipeline (after the channel gain adaptation, when the run adapts
 *     the gains; else the calibrated pipeline's), what the online learner predicts from and learns
 * @param staticFeatures the feature vector of the calibrated pipeline on the band-passed signal without gain
 *     adaptation, exactly what the static pipeline ({@code none}) computes: what the guard's calibrated expert predicts
 *     from (version 3). Equal to {@code features} when the gains do not adapt, and for trials of versions 1 and 2
 * @param lastSampleArrivalMicros wall-clock arrival of the window's last sample, µs since the Unix epoch
 * @param lastSampleDueMicros wall-clock time that sample was due (scheduled by a paced replay, else its arrival), µs
 *     since the Unix epoch
 */
public record TrialFeatures(String sessionKey, String recording, String label, double cueSeconds, double[] features,
        double[] staticFeatures, long lastSampleArrivalMicros, long lastSampleDueMicros) {}
