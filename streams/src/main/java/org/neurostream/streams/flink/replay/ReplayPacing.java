package org.neurostream.streams.flink.replay;

import java.io.Serializable;

/**
 * How fast a replay emits: as fast as possible, or paced so that recording time passes {@code speed} times as fast
 * as wall-clock time (1 = real time, 2 = twice as fast).
 *
 * @param speed the speed factor, {@code > 0}; {@link Double#POSITIVE_INFINITY} means as fast as possible
 */
public record ReplayPacing(double speed) implements Serializable {

    public ReplayPacing {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("Invalid value for 'speed'. It must be > 0 (1 = real time) or "
                    + "infinite (as fast as possible), but got " + speed + " instead.");
        }
    }

    /** Emits as fast as the pipeline takes the data. */
    public static ReplayPacing asFastAsPossible() {
        return new ReplayPacing(Double.POSITIVE_INFINITY);
    }

    /** Emits at real time × {@code speed}. */
    public static ReplayPacing realTime(double speed) {
        if (Double.isInfinite(speed)) {
            throw new IllegalArgumentException("Invalid value for 'speed'. A real-time pacing needs a finite speed, "
                    + "but got " + speed + "; use asFastAsPossible() instead.");
        }
        return new ReplayPacing(speed);
    }

    public boolean isPaced() {
        return !Double.isInfinite(speed);
    }

    /** Wall-clock nanoseconds that {@code recordingSeconds} of recording take at this pace. */
    long wallNanos(double recordingSeconds) {
        return (long) (recordingSeconds / speed * 1e9);
    }

    @Override
    public String toString() {
        return isPaced() ? "real time x " + speed : "as fast as possible";
    }
}
