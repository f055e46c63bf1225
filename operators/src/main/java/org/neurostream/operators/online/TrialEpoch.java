package org.neurostream.operators.online;

/**
 * One trial cut from a filtered stream: the samples of the window {@code tmin..tmax} around a cue marker.
 *
 * @param sessionKey the keyed-state key (subject) the trial belongs to
 * @param recording the recording (file name or LSL stream) the trial comes from
 * @param label the cue marker's text, which in cue-based paradigms is the trial's true class
 * @param cueSeconds the cue's timestamp, s on the recording clock
 * @param channelCount number of channels
 * @param data channel-major samples [channel * nTimes + t]
 * @param lastSampleArrivalMicros wall-clock time (µs since the Unix epoch) at which the chunk holding the window's last
 *     sample reached the job; the start of the in-job decision latency
 * @param lastSampleDueMicros wall-clock time (µs since the Unix epoch) at which that chunk was due: for a paced replay
 *     its scheduled time, for live or unpaced input its arrival ({@link PacedDueTimes}); the start of the decision
 *     latency
 */
public record TrialEpoch(String sessionKey, String recording, String label, double cueSeconds, int channelCount,
        double[] data, long lastSampleArrivalMicros, long lastSampleDueMicros) {

    /** Samples per channel. */
    public int sampleCount() {
        return data.length / channelCount;
    }

    /** The epoch as [nChannels][nTimes]. */
    public double[][] toMatrix() {
        int n = sampleCount();
        double[][] out = new double[channelCount][n];
        for (int c = 0; c < channelCount; c++) {
            System.arraycopy(data, c * n, out[c], 0, n);
        }
        return out;
    }
}
