package org.neurostream.streams.flink.replay;

import java.nio.file.Path;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.StreamData;

/**
 * Error records of a replay: a file that cannot be read does not fail the job; its reader emits one {@link Marker}
 * on the stream {@code <file name>#replay-error} whose value is the error message (file, byte offset, problem), and
 * the healthy files carry on. Error records have timestamp {@code -∞} and bypass timestamp ordering.
 */
public final class ReplayErrors {
    /** Suffix of the stream key of error records. */
    public static final String STREAM_KEY_SUFFIX = "#replay-error";

    private ReplayErrors() {
    }

    /** An error record for {@code file} with {@code message}. */
    public static Marker errorRecord(String file, String message) {
        return Marker.of(Path.of(file).getFileName() + STREAM_KEY_SUFFIX, Double.NEGATIVE_INFINITY, message);
    }

    /** True for the records made by {@link #errorRecord}. */
    public static boolean isError(StreamData element) {
        return element instanceof Marker && element.streamKey().endsWith(STREAM_KEY_SUFFIX);
    }
}
