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
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;

/**
 * Reads recordings with their timestamps shifted so that files given as consecutive sessions follow each other in time
 * (each starts {@link #SESSION_GAP_SECONDS} after the previous one ended). Replayed together, the sessions then reach
 * the job one after the other at the pace of the replay, and a subject's model learns from them in order.
 * {@link #open} shifts the base reader's handle as its streams are sliced, so files the base reader decodes on demand
 * (EDF/BDF) stay so; {@link #read} shifts a whole recording. Both give the same timestamps.
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
        double offset = offsetSeconds(file);
        return offset == 0 ? r : shift(r, offset);
    }

    @Override
    public RecordingHandle open(Path file) throws IOException {
        RecordingHandle opened = base.open(file);
        double offset = offsetSeconds(file);
        return offset == 0 ? opened : new ShiftedRecording(opened, offset);
    }

    /** How far {@code file}'s timestamps move, s; 0 for a file not given as a session. */
    private double offsetSeconds(Path file) {
        return offsetSeconds.getOrDefault(file.toString(), 0.0);
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
    static double[] span(RecordingHandle r) {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (StreamHandle s : r.streams()) {
            int n = s.sampleCount();
            if (n > 0) {
                first = Math.min(first, s.timestampSeconds(0));
                last = Math.max(last, s.timestampSeconds(n - 1));
            }
        }
        return new double[] {first, last};
    }

    /** An opened recording with every timestamp moved by {@code offsetSeconds}, as {@link #shift} moves them. */
    private static final class ShiftedRecording implements RecordingHandle {
        private final RecordingHandle base;
        private final List<StreamHandle> streams;

        ShiftedRecording(RecordingHandle base, double offsetSeconds) {
            this.base = base;
            List<StreamHandle> shifted = new ArrayList<>();
            for (StreamHandle s : base.streams()) {
                shifted.add(new ShiftedStream(s, offsetSeconds));
            }
            this.streams = List.copyOf(shifted);
        }

        @Override
        public Path file() {
            return base.file();
        }

        @Override
        public List<StreamHandle> streams() {
            return streams;
        }

        @Override
        public void close() throws IOException {
            base.close();
        }
    }

    /** One stream of a {@link ShiftedRecording}: the base stream's elements with their timestamps moved. */
    private record ShiftedStream(StreamHandle base, double offsetSeconds) implements StreamHandle {
        @Override
        public StreamDescription description() {
            return base.description();
        }

        @Override
        public int sampleCount() {
            return base.sampleCount();
        }

        @Override
        public boolean isMarkerStream() {
            return base.isMarkerStream();
        }

        @Override
        public double timestampSeconds(int index) {
            return base.timestampSeconds(index) + offsetSeconds;
        }

        @Override
        public List<StreamData> slice(int from, int to) throws IOException {
            List<StreamData> shifted = new ArrayList<>();
            for (StreamData e : base.slice(from, to)) {
                if (e instanceof SampleChunk c) {
                    double[] t = new double[c.sampleCount()];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = c.timestampSeconds(i) + offsetSeconds;
                    }
                    shifted.add(SampleChunk.withTimestamps(c.streamKey(), c.channelCount(), c.values(), t,
                            c.nominalRateHz()));
                } else if (e instanceof Marker m) {
                    shifted.add(new Marker(m.streamKey(), m.timestampSeconds() + offsetSeconds, m.durationSeconds(),
                            m.value()));
                }
            }
            return shifted;
        }
    }
}
