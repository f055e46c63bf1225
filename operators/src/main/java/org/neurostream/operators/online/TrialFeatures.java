package org.neurostream.operators.online;

/**
 * The feature vector of one trial, with the trial's identity and timing carried over from its {@link TrialEpoch}.
 *
 * @param sessionKey the keyed-state key (subject)
 * @param recording the recording the trial comes from
 * @param label the cue marker's text (true class)
 * @param cueSeconds the cue's timestamp, s on the recording clock
 * @param features the feature vector
 * @param lastSampleArrivalMicros wall-clock arrival of the window's last sample, µs since the Unix epoch
 * @param lastSampleDueMicros wall-clock time that sample was due (scheduled by a paced replay, else its arrival), µs
 *     since the Unix epoch
 */
public record TrialFeatures(String sessionKey, String recording, String label, double cueSeconds, double[] features,
        long lastSampleArrivalMicros, long lastSampleDueMicros) {}
