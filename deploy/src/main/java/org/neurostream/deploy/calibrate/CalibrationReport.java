package org.neurostream.deploy.calibrate;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurostream.bci.evaluate.CrossValidation;
import org.neurostream.bci.pipeline.CspFeatures;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.bci.select.FeatureScores;
import org.neurostream.bci.spectral.PowerSpectrum;
import org.neurostream.bci.spectral.Welch;
import org.neurostream.bci.spectral.WelchParameters;

/**
 * The calibration report: an HTML page with PNG figures — the signed-R² map (channels × frequency, Welch PSD of the
 * calibration epochs), class-wise PSD at C3/Cz/C4, CSP patterns on the scalp (CSP pipelines on a known montage) and the
 * cross-validated confusion matrix.
 */
public final class CalibrationReport {
    private static final double MAX_HZ = 40;

    private CalibrationReport() {}

    public static void write(Path dir, LabeledEpochs data, Pipeline pipeline, CrossValidation.Report cv, String cvName,
            String command) throws IOException {
        Files.createDirectories(dir);
        List<String> figures = new ArrayList<>();
        Spectra spectra = spectra(data);
        if (data.classNames().size() == 2) {
            r2Map(dir, data, spectra);
            figures.add("<h2>Signed R² (class " + esc(data.classNames().get(1)) + " vs " + esc(data.classNames().get(0))
                    + "), log10 PSD</h2><img src=\"r2-map.png\" alt=\"R2 map\">");
        }
        classPsd(dir, data, spectra);
        figures.add("<h2>Class-wise PSD</h2><img src=\"class-psd.png\" alt=\"class-wise PSD\">");
        if (pipeline.features() instanceof CspFeatures.Model csp) {
            ScalpMap montage = ScalpMap.physionet();
            if (montage.covers(data.channels())) {
                int n = Math.min(4, csp.csp().nComponents());
                BufferedImage all = new BufferedImage(300 * n, 324, BufferedImage.TYPE_INT_RGB);
                for (int k = 0; k < n; k++) {
                    // shown average-referenced (channel mean removed): a topography does not depend on the reference
                    double[] pattern = csp.csp().patterns()[k].clone();
                    double mean = java.util.Arrays.stream(pattern).average().orElse(0);
                    for (int c = 0; c < pattern.length; c++) {
                        pattern[c] -= mean;
                    }
                    all.getGraphics().drawImage(montage.draw(data.channels(), pattern,
                            String.format(Locale.ROOT, "CSP%d (λ=%.2f)", k + 1, csp.csp().evals()[k]), 300), 300 * k, 0,
                            null);
                }
                ImageIO.write(all, "png", dir.resolve("csp-patterns.png").toFile());
                figures.add("<h2>CSP patterns (10-10 positions, average-referenced for display)</h2><img src=\"csp-patterns.png\" alt=\"CSP patterns\">");
            } else {
                figures.add("<p>CSP patterns: no montage known for these channel labels; scalp maps skipped.</p>");
            }
        }
        confusion(dir, data, cv);
        figures.add("<h2>Confusion matrix (" + esc(cvName) + ", pooled over splits)</h2>"
                + "<img src=\"confusion.png\" alt=\"confusion matrix\">");

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>neurostream calibration: ")
                .append(esc(pipeline.spec().name())).append("</title><style>body{font-family:sans-serif;max-width:1250px}"
                + "td,th{padding:2px 10px;text-align:left}img{max-width:100%}</style></head><body>");
        html.append("<h1>Calibration: ").append(esc(pipeline.spec().name())).append("</h1>");
        html.append("<p><code>").append(esc(command)).append("</code></p>");
        html.append("<table>");
        row(html, "Recordings", String.join(", ", data.runNames()));
        row(html, "Epochs", data.y().length + " (" + classCounts(data) + "), " + data.channels().size() + " channels, "
                + data.x()[0][0].length + " samples at " + data.sampleRateHz() + " Hz");
        row(html, "Band-pass", pipeline.spec().lowHz() + "–" + pipeline.spec().highHz() + " Hz (MNE default FIR)");
        row(html, "Epoch window", pipeline.spec().tminSeconds() + " to " + pipeline.spec().tmaxSeconds()
                + " s after the cue");
        row(html, "Features / classifier", pipeline.spec().features() + " / " + pipeline.spec().classifier());
        row(html, "Cross-validation", cvName + ", " + cv.foldAccuracy().length + " splits");
        row(html, "Accuracy", fmt(cv.accuracy()) + " ± " + fmt(cv.accuracyStd()));
        row(html, "Chance level", fmt(cv.chanceLevel()) + " (majority class); p < 0.05 needs > "
                + fmt(cv.binomialThreshold()) + " (binomial, " + data.y().length + " epochs)");
        row(html, "Balanced accuracy", fmt(cv.balancedAccuracy()));
        row(html, "Cohen's kappa", fmt(cv.kappa()));
        row(html, "ROC-AUC", Double.isNaN(cv.rocAuc()) ? "n/a" : fmt(cv.rocAuc()));
        html.append("</table>");
        figures.forEach(html::append);
        html.append("</body></html>\n");
        Files.writeString(dir.resolve("index.html"), html.toString());
    }

    private record Spectra(double[] freqs, int[] bins, double[][] logPsd) {}

    /** log10 Welch PSD (Hann, one-second segments clipped to the epoch) of every epoch, channel-major over bins. */
    private static Spectra spectra(LabeledEpochs data) {
        int nT = data.x()[0][0].length;
        int seg = Math.min(nT, (int) Math.round(data.sampleRateHz()));
        Welch welch = new Welch(WelchParameters.of("hann", seg), data.sampleRateHz());
        double[] f = welch.frequenciesHz();
        int[] bins = java.util.stream.IntStream.range(0, f.length).filter(i -> f[i] >= 1 && f[i] <= MAX_HZ).toArray();
        int nCh = data.channels().size();
        double[][] out = new double[data.x().length][nCh * bins.length];
        for (int e = 0; e < data.x().length; e++) {
            double[] flat = new double[nCh * nT];
            for (int c = 0; c < nCh; c++) {
                System.arraycopy(data.x()[e][c], 0, flat, c * nT, nT);
            }
            PowerSpectrum psd = welch.psd(flat, nCh);
            for (int c = 0; c < nCh; c++) {
                for (int b = 0; b < bins.length; b++) {
                    out[e][c * bins.length + b] = Math.log10(psd.value(c, bins[b]));
                }
            }
        }
        double[] freqs = java.util.Arrays.stream(bins).mapToDouble(b -> f[b]).toArray();
        return new Spectra(freqs, bins, out);
    }

    private static void r2Map(Path dir, LabeledEpochs data, Spectra s) throws IOException {
        double[] r2 = FeatureScores.signedR2(s.logPsd(), data.y());
        int nBins = s.bins().length;
        List<Integer> xs = new ArrayList<>();
        for (double f : s.freqs()) {
            xs.add((int) Math.round(f));
        }
        List<String> ys = data.channels().stream().map(String::trim).toList();
        List<Number[]> heat = new ArrayList<>();
        double max = 0;
        for (double v : r2) {
            max = Math.max(max, Math.abs(v));
        }
        for (int c = 0; c < ys.size(); c++) {
            for (int b = 0; b < nBins; b++) {
                heat.add(new Number[] {b, c, r2[c * nBins + b]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(1100).height(1200).title("Signed R² per channel and "
                + "frequency").xAxisTitle("Frequency (Hz)").yAxisTitle("Channel").build();
        chart.getStyler().setRangeColors(new Color[] {Color.BLUE, Color.WHITE, Color.RED});
        chart.getStyler().setMin(-max).setMax(max);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.addSeries("signed R²", xs, ys, heat);
        BitmapEncoder.saveBitmap(chart, dir.resolve("r2-map.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void classPsd(Path dir, LabeledEpochs data, Spectra s) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(450).title("Mean log10 PSD per class")
                .xAxisTitle("Frequency (Hz)").yAxisTitle("log10 PSD (µV²/Hz)").build();
        int nBins = s.bins().length;
        List<String> wanted = List.of("C3", "Cz", "C4");
        for (String ch : wanted) {
            int c = indexOf(data.channels(), ch);
            if (c < 0) {
                continue;
            }
            for (int k = 0; k < data.classNames().size(); k++) {
                double[] mean = new double[nBins];
                int count = 0;
                for (int e = 0; e < data.y().length; e++) {
                    if (data.y()[e] == k) {
                        for (int b = 0; b < nBins; b++) {
                            mean[b] += s.logPsd()[e][c * nBins + b];
                        }
                        count++;
                    }
                }
                for (int b = 0; b < nBins; b++) {
                    mean[b] /= Math.max(1, count);
                }
                chart.addSeries(ch + " " + data.classNames().get(k), s.freqs(), mean).setMarker(SeriesMarkers.NONE);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            double[] mean = new double[nBins];
            for (double[] row : s.logPsd()) {
                for (int i = 0; i < row.length; i++) {
                    mean[i % nBins] += row[i] / (s.logPsd().length * data.channels().size());
                }
            }
            chart.addSeries("all channels", s.freqs(), mean).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve("class-psd.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void confusion(Path dir, LabeledEpochs data, CrossValidation.Report cv) throws IOException {
        List<String> names = java.util.Arrays.stream(cv.labels()).mapToObj(k -> data.classNames().get(k)).toList();
        List<Number[]> heat = new ArrayList<>();
        int n = names.size();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                heat.add(new Number[] {p, n - 1 - t, cv.confusion()[t][p]});
            }
        }
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        HeatMapChart chart = new HeatMapChartBuilder().width(500).height(420).title("Confusion matrix (counts)")
                .xAxisTitle("Predicted").yAxisTitle("True").build();
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(30, 90, 200)});
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.addSeries("count", names, reversed, heat);
        BitmapEncoder.saveBitmap(chart, dir.resolve("confusion.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static int indexOf(List<String> channels, String name) {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).replace(".", "").equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String classCounts(LabeledEpochs data) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < data.classNames().size(); k++) {
            final int code = k;
            long c = java.util.Arrays.stream(data.y()).filter(v -> v == code).count();
            sb.append(k == 0 ? "" : ", ").append(data.classNames().get(k)).append(": ").append(c);
        }
        return sb.toString();
    }

    private static void row(StringBuilder html, String key, String value) {
        html.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
