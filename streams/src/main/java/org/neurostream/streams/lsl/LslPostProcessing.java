package org.neurostream.streams.lsl;

import java.util.Set;

/**
 * Timestamp post-processing an inlet can apply ({@code lsl_processing_options_t}).
 */
public enum LslPostProcessing {
    /** Add the estimated clock offset, so timestamps are on this machine's LSL clock ({@code proc_clocksync}). */
    CLOCKSYNC(1),
    /** Smooth timestamps of regular streams with a recursive least-squares fit ({@code proc_dejitter}). */
    DEJITTER(2),
    /** Force timestamps to increase monotonically ({@code proc_monotonize}). */
    MONOTONIZE(4),
    /** Make post-processing thread-safe (slower); needed only when several threads pull ({@code proc_threadsafe}). */
    THREADSAFE(8);

    private final int flag;

    LslPostProcessing(int flag) {
        this.flag = flag;
    }

    /** liblsl's bit mask for a set of options. */
    static int flags(Set<LslPostProcessing> options) {
        int flags = 0;
        for (LslPostProcessing o : options) {
            flags |= o.flag;
        }
        return flags;
    }
}
