package org.neurostream.deploy.online;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.neurostream.operators.online.Prediction;

/**
 * Summary of a run's predictions per session key: trials, final prequential accuracy and kappa, decision latency
 * percentiles; and the running-accuracy plot.
 *
 * @param key the session key
 * @param trials trials predicted
 * @param accuracy final prequential accuracy
 * @param kappa final prequential Cohen's kappa
 * @param latencyP50Millis median decision latency, ms (NaN when none was measured)
 * @param latencyP99Millis 99th percentile decision latency, ms
 * @param trialsLearned labelled trials the model has learned from at the end
 */
public record OnlineReport(String key, int trials, double accuracy, double kappa, double latencyP50Millis,
        double latencyP99Millis, long trialsLearned) {

    /** One report per key, in order of first appearance. */
    public static List<OnlineReport> of(List<Prediction> predictions) {
        Map<String, List<Prediction>> byKey = byKey(predictions);
        List<OnlineReport> out = new ArrayList<>();
        for (var e : byKey.entrySet()) {
            List<Prediction> p = e.getValue();
            Prediction last = p.get(p.size() - 1);
            double[] lat = latencyMillis(p);
            out.add(new OnlineReport(e.getKey(), p.size(), last.runningAccuracy(), last.runningKappa(), lat[0], lat[1],
                    last.trialsLearned()));
        }
        return out;
    }

    /** Predictions grouped by key, each group sorted by trial number. */
    static Map<String, List<Prediction>> byKey(List<Prediction> predictions) {
        Map<String, List<Prediction>> byKey = new LinkedHashMap<>();
        for (Prediction p : predictions) {
            byKey.computeIfAbsent(p.sessionKey(), k -> new ArrayList<>()).add(p);
        }
        byKey.values().forEach(l -> l.sort((a, b) -> Long.compare(a.trial(), b.trial())));
        return byKey;
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    public static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Writes a PNG of running accuracy against trial number, one line per named series. */
    public static void plotRunningAccuracy(Map<String, List<Prediction>> series, String title, Path png)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("trial")
                .yAxisTitle("prequential accuracy").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setMarkerSize(3);
        for (var e : series.entrySet()) {
            List<Prediction> p = e.getValue();
            if (p.isEmpty()) {
                continue;
            }
            double[] x = new double[p.size()];
            double[] y = new double[p.size()];
            for (int i = 0; i < p.size(); i++) {
                x[i] = i + 1;
                y[i] = p.get(i).runningAccuracy();
            }
            chart.addSeries(e.getKey(), x, y);
        }
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Decision latency percentiles of predictions ({@link Prediction#latencyMicros}, ms): p50, p99. */
    public static double[] latencyMillis(List<Prediction> predictions) {
        return latencyMillis(predictions, Prediction::latencyMicros);
    }

    /** Percentiles (ms) of one latency of predictions, µs, unknown (negative) ones left out: p50, p99. */
    public static double[] latencyMillis(List<Prediction> predictions,
            java.util.function.ToLongFunction<Prediction> micros) {
        long[] lat = predictions.stream().mapToLong(micros).filter(v -> v >= 0).sorted().toArray();
        return new double[] {percentile(lat, 0.50) / 1000.0, percentile(lat, 0.99) / 1000.0};
    }

    @Override
    public String toString() {
        return key + ": " + trials + " trials, accuracy " + String.format("%.3f", accuracy) + ", kappa "
                + String.format("%.3f", kappa) + ", latency p50 " + String.format("%.2f", latencyP50Millis)
                + " ms, p99 " + String.format("%.2f", latencyP99Millis) + " ms, " + trialsLearned + " trials learned";
    }
}
