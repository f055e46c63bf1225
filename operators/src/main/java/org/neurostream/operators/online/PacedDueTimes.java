package org.neurostream.operators.online;

/**
 * When each signal chunk was due, the start of the decision latency: for a replay paced at {@code speed} × real time,
 * the wall-clock time its pacing scheduled the chunk (when a live device would have delivered it); for a live or
 * unpaced input, the chunk's arrival in the job.
 *
 * <p>A paced replay makes a chunk whose last sample is at recording time {@code t} (seconds) due at
 * {@code origin + t / speed}, with one origin for all files of the replay ({@code ReplaySplitReader}). The origin is
 * not sent with the data, so it is estimated as the earliest {@code arrival - t / speed} over the chunks seen: a chunk
 * never arrives before it is due, and the first chunks of a replay arrive before any backlog can build up, so the
 * estimate is the true origin plus the smallest source-to-here delay observed (well under a millisecond on one
 * machine). Latency from the due time therefore includes the time a chunk waited because the job (sources, queues,
 * operators) fell behind real time, which latency from the arrival hides.
 *
 * <p>One instance per key (session) of the epocher, not checkpointed: a replay restored from a checkpoint anchors its
 * pacing anew, and so does this estimate. Per key, because each replay reader paces its files on an origin of its own:
 * with parallelism above 1 the readers start their splits up to seconds apart, and one estimate per operator instance
 * (the earliest reader's origin) counted every chunk of a later reader as late by the difference (cluster p99 of
 * 0.5–2.2 s at parallelism 2). A key's chunks normally come from one reader (one recording or one sequence of
 * recordings); if they do not, the earliest origin is taken, which can only make latencies larger.
 */
final class PacedDueTimes {
    private static final double MICROS_PER_SECOND = 1e6;

    private final double speed;
    /** Estimated wall-clock µs (since the Unix epoch) at which recording time 0 was due; +infinity before any chunk. */
    private double originMicros = Double.POSITIVE_INFINITY;

    /**
     * @param speed the replay's pace (1 = real time), or {@link Double#POSITIVE_INFINITY} for a live or unpaced input
     */
    PacedDueTimes(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("Invalid value for 'replaySpeed'. It must be > 0 (1 = real time) or "
                    + "infinite (live or unpaced input), but got " + speed + " instead.");
        }
        this.speed = speed;
    }

    /** Records that a chunk whose last sample is at {@code lastTimestampSeconds} arrived at {@code arrivalMicros}. */
    void observe(long arrivalMicros, double lastTimestampSeconds) {
        if (Double.isFinite(speed)) {
            originMicros = Math.min(originMicros, arrivalMicros - lastTimestampSeconds * MICROS_PER_SECOND / speed);
        }
    }

    /**
     * The wall-clock µs at which a chunk with last sample at {@code lastTimestampSeconds}, which arrived at
     * {@code arrivalMicros}, was due: its scheduled time for a paced replay, its arrival otherwise. Never after the
     * arrival (a chunk restored from an earlier run's state, paced on that run's timeline, is due at its arrival).
     */
    long dueMicros(long arrivalMicros, double lastTimestampSeconds) {
        double scheduled = originMicros + lastTimestampSeconds * MICROS_PER_SECOND / speed;
        return scheduled < arrivalMicros ? Math.round(scheduled) : arrivalMicros;
    }
}
