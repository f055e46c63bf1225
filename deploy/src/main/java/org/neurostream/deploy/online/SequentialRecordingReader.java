package org.neurostream.deploy.online;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurostream.operators.online.OnlineOperators;
import org.neurostream.streams.flink.replay.RecordingReader;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;

/**
 * Reads recordings with their timestamps shifted so that files given as consecutive sessions follow each other in time
 * (each starts {@link #SESSION_GAP_SECONDS} after the previous one ended). Replayed together, the sessions then reach
 * the job one after the other at the pace of the replay, and a subject's model learns from them in order.
 */
final class SequentialRecordingReader implements RecordingReader {
    private static final long serialVersionUID = 1L;
    /**
     * Pause between consecutive sessions, s: twice the longest gap the job's filter bridges
     * ({@link OnlineOperators#MAX_GAP_SECONDS}), so each session restarts the band-pass whatever the rounding of the
     * shifted timestamps (with a pause equal to that gap, consecutive eegmmidb sessions came out exactly 1.0 s apart,
     * and the filter carried on across them).
     */
    static final double SESSION_GAP_SECONDS = 2 * OnlineOperators.MAX_GAP_SECONDS;

    private final RecordingReader base;
    private final Map<String, Double> offsetSeconds;

    SequentialRecordingReader(RecordingReader base, Map<String, Double> offsetSeconds) {
        this.base = base;
        this.offsetSeconds = Map.copyOf(offsetSeconds);
    }

    @Override
    public Recording read(Path file) throws IOException {
        Recording r = base.read(file);
        Double offset = offsetSeconds.get(file.toString());
        if (offset == null || offset == 0) {
            return r;
        }
        return shift(r, offset);
    }

    /** Shifting moves timestamps only: the base reader's count. */
    @Override
    public int streamCount(Path file) throws IOException {
        return base.streamCount(file);
    }

    /** The recording with every timestamp moved by {@code offsetSeconds}. */
    static Recording shift(Recording r, double offsetSeconds) {
        List<RecordedStream> shifted = new ArrayList<>();
        for (RecordedStream s : r.streams()) {
            double[] t = s.timestampsSeconds().clone();
            for (int i = 0; i < t.length; i++) {
                t[i] += offsetSeconds;
            }
            shifted.add(new RecordedStream(s.description(), t, s.values(), s.strings(), s.clockOffsets(),
                    s.headerXml(), s.footerXml(), s.durationsSeconds()));
        }
        return new Recording(r.file(), r.format(), shifted, r.problems());
    }

    /** First and last timestamp over all streams of a recording, s. */
    static double[] span(Recording r) {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (RecordedStream s : r.streams()) {
            double[] t = s.timestampsSeconds();
            if (t.length > 0) {
                first = Math.min(first, t[0]);
                last = Math.max(last, t[t.length - 1]);
            }
        }
        return new double[] {first, last};
    }
}
