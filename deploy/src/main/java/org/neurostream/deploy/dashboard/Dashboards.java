package org.neurostream.deploy.dashboard;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.operators.online.Prediction;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.format.StreamOutline;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;

/**
 * How jobs attach a dashboard: taps for their streams ({@link #signals}, {@link #predictions}), the stream list of
 * their recordings ({@link #recorded}) and the REST address of an embedded Flink for the backpressure view
 * ({@link #embeddedRestUrl}).
 */
public final class Dashboards {
    /** Band of the band-power map when the job has no band of its own: alpha, 8-13 Hz. */
    public static final double DEFAULT_BAND_LOW_HZ = 8;
    public static final double DEFAULT_BAND_HIGH_HZ = 13;

    private Dashboards() {
    }

    /**
     * Dashboard events from a job's signal chunks and markers ({@link DashboardTap}), chained to {@code data}'s
     * operator.
     *
     * @param filter the job's causal band-pass for the filtered traces, or null
     */
    public static DataStream<DashboardEvent> signals(DataStream<StreamData> data, double bandLowHz,
            double bandHighHz, SosCoefficients filter, Recorded recorded) {
        return signals(data, bandLowHz, bandHighHz, filter, recorded, null);
    }

    /**
     * As {@link #signals(DataStream, double, double, SosCoefficients, Recorded)}, for a job that also reads streams
     * it does not know in advance: {@code describer} finds their descriptions (channel labels) when they first arrive.
     */
    public static DataStream<DashboardEvent> signals(DataStream<StreamData> data, double bandLowHz,
            double bandHighHz, SosCoefficients filter, Recorded recorded, StreamDescriber describer) {
        return data.process(new DashboardTap(bandLowHz, bandHighHz, filter, recorded.endSeconds(), describer),
                        DashboardEventSerializer.TYPE)
                .setParallelism(data.getParallelism()).name("dashboard tap").uid("dashboard-tap");
    }

    /** Dashboard events from a classifier's decisions. */
    public static DataStream<DashboardEvent> predictions(DataStream<Prediction> predictions, List<String> classes) {
        List<String> names = List.copyOf(classes);
        return predictions.map(p -> (DashboardEvent) decision(p, names), DashboardEventSerializer.TYPE)
                .name("dashboard decisions").uid("dashboard-decisions");
    }

    /**
     * A prediction as a dashboard decision. With two classes the decision score is mapped through the logistic
     * function to the second class's probability, as scikit-learn's {@code predict_proba} does for binary LDA and
     * logistic regression; with more classes the score does not determine probabilities and none are given.
     */
    static DashboardEvent.Decision decision(Prediction p, List<String> classes) {
        double[] probabilities = new double[0];
        if (classes.size() == 2 && Double.isFinite(p.score())) {
            double second = 1 / (1 + Math.exp(-p.score()));
            probabilities = new double[] {1 - second, second};
        }
        return new DashboardEvent.Decision(p.sessionKey(), p.trial(), p.cueSeconds(), classes, probabilities,
                p.predicted(), p.actual(), p.runningAccuracy(), p.runningKappa(), p.latencyMicros() / 1000.0);
    }

    /**
     * What the dashboard knows in advance of a job's recordings: each stream's description (for the page) and its
     * last timestamp (for the tap, which reports a stream ended once that arrives).
     *
     * @param streams    one description per stream key, first file first
     * @param endSeconds last timestamp per stream key, s
     */
    public record Recorded(List<StreamDescription> streams, Map<String, Double> endSeconds) {
        public Recorded {
            streams = List.copyOf(streams);
            endSeconds = Map.copyOf(endSeconds);
        }

        /** Nothing known in advance (live streams). */
        public static Recorded none() {
            return new Recorded(List.of(), Map.of());
        }
    }

    /**
     * Each stream's description and last timestamp in the job's recording files, from their outlines
     * ({@link Recordings#outline}: headers and timestamps, no sample values decoded), the same as a full read gives.
     * A file that cannot be read (a {@link java.io.IOException}, such as a
     * {@link org.neurostream.streams.format.RecordingFormatException}) is left out: the replay reads every file
     * itself and reports that one with its error.
     */
    public static Recorded recorded(List<Path> files) {
        Map<String, StreamDescription> streams = new LinkedHashMap<>();
        Map<String, Double> ends = new LinkedHashMap<>();
        for (Path f : files) {
            List<StreamOutline> outlines;
            try {
                outlines = Recordings.outline(f);
            } catch (IOException broken) {
                continue; // the replay reports the file with its error
            }
            for (StreamOutline s : outlines) {
                String key = s.description().streamKey();
                streams.putIfAbsent(key, s.description());
                if (s.sampleCount() > 0) {
                    ends.merge(key, s.lastTimestampSeconds(), Math::max);
                }
            }
        }
        return new Recorded(new ArrayList<>(streams.values()), ends);
    }

    /**
     * Makes an embedded Flink run by {@code conf} serve its REST API on a free loopback port, and returns that
     * address (for the backpressure view).
     */
    public static String embeddedRestUrl(Configuration conf) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, Integer.toString(port));
        conf.set(RestOptions.PORT, port);
        return "http://127.0.0.1:" + port;
    }
}
