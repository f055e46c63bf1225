package org.neurostream.operators.online;

/**
 * A prequential decision: the class predicted for a trial before its label was learned, with the running score and
 * the decision latency. One per trial; it is both the prediction output and the metrics stream.
 *
 * @param sessionKey the keyed-state key (subject)
 * @param recording the recording the trial comes from
 * @param trial 1-based trial number of this key (counts every trial the model has predicted, across sessions)
 * @param cueSeconds the cue's timestamp, s on the recording clock
 * @param predicted predicted class name
 * @param actual true class name (from the cue marker)
 * @param score decision score (two classes: positive for the second class; else the winning class's score)
 * @param runningAccuracy prequential accuracy over this key's trials so far
 * @param runningKappa prequential Cohen's kappa so far
 * @param latencyMicros decision latency: wall-clock µs from when the window's last sample was due to this decision.
 *     For a replay paced at real time (× speed) that is the time its pacing scheduled the chunk holding the sample,
 *     i.e. when a live device would have delivered it, so time lost by a job falling behind real time counts; for a
 *     live (LSL) stream or an unpaced replay it is the chunk's arrival in the job. -1 when unknown
 * @param inJobLatencyMicros wall-clock µs from the arrival in the job (at the epocher) of the chunk holding the
 *     window's last sample to this decision: the operators' share of {@code latencyMicros}, without the time the
 *     chunk spent in the source and queues before. -1 when unknown
 * @param trialsLearned labelled trials the model has learned from after this trial
 * @param modelDigest CRC-32 of the classifier state after this trial, in its serialized form: equal digests mean
 *     equal learned models (used to check that a restored run learned exactly what an uninterrupted one did)
 */
public record Prediction(String sessionKey, String recording, long trial, double cueSeconds, String predicted,
        String actual, double score, double runningAccuracy, double runningKappa, long latencyMicros,
        long inJobLatencyMicros, long trialsLearned, long modelDigest) {

    /** True when the prediction matched the label. */
    public boolean correct() {
        return predicted.equals(actual);
    }

    /** This prediction as one JSON object on one line (the predictions file and {@code --json} output). */
    public String toJson() {
        return "{\"session\":" + quote(sessionKey) + ",\"recording\":" + quote(recording) + ",\"trial\":" + trial
                + ",\"cueSeconds\":" + cueSeconds + ",\"predicted\":" + quote(predicted) + ",\"actual\":"
                + quote(actual) + ",\"correct\":" + correct() + ",\"score\":" + number(score)
                + ",\"runningAccuracy\":" + number(runningAccuracy) + ",\"runningKappa\":" + number(runningKappa)
                + ",\"latencyMicros\":" + latencyMicros + ",\"inJobLatencyMicros\":" + inJobLatencyMicros
                + ",\"trialsLearned\":" + trialsLearned + ",\"modelDigest\":"
                + modelDigest + "}";
    }

    /** The fields that do not depend on wall-clock time (for comparing runs). */
    public String toDeterministicJson() {
        return "{\"session\":" + quote(sessionKey) + ",\"recording\":" + quote(recording) + ",\"trial\":" + trial
                + ",\"cueSeconds\":" + cueSeconds + ",\"predicted\":" + quote(predicted) + ",\"actual\":"
                + quote(actual) + ",\"score\":" + number(score) + ",\"trialsLearned\":" + trialsLearned
                + ",\"modelDigest\":" + modelDigest + "}";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
