package org.neurostream.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.ffmpeg.global.avutil;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.kernel.Nd4jKernelBackend;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.model.DeltaModelFiles;
import org.neurostream.deploy.dashboard.DashboardOptions;
import org.neurostream.deploy.video.VideoJob;
import org.neurostream.operators.video.delta.DeltaVideoFunction;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.video.decode.FfmpegFrameReader;
import org.neurostream.video.decode.FrameReader;
import org.neurostream.video.decode.ImageSequenceReader;
import org.neurostream.video.delta.DeltaVideoAnalysis;
import org.neurostream.video.delta.DeltaVideoReport;
import org.neurostream.video.delta.FrameCnn;
import org.neurostream.video.delta.TrainedFrameCnn;
import org.neurostream.video.events.EventFrameMode;
import org.neurostream.video.events.EventFrameReader;
import org.neurostream.video.frame.ColourMode;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.Normalization;
import org.neurostream.video.frame.PreprocessSpec;
import org.neurostream.video.frame.ResizeMethod;
import org.neurostream.video.frame.FramePreprocessor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurostream video FILE...}: runs each video file (or image folder, or AEDAT4 event file) through a delta
 * network and prints frames per second, per-layer temporal sparsity and effective versus dense MACs, and writes a PNG
 * plot of sparsity over time per layer. A file that cannot be read is reported and the others go on (exit code 1).
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Delta-network inference on video files, image folders or AEDAT4 event files: fps, per-layer "
                + "temporal sparsity, effective vs dense MACs, and a PNG plot of sparsity over time per layer.")
final class VideoCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Video files (anything FFmpeg reads), folders of "
            + "PNG/JPEG images, or .aedat4 event-camera files.")
    List<Path> files;

    @Option(names = "--threshold", defaultValue = "0", paramLabel = "T",
            description = "Delta threshold of every weighted layer, in the layer's input units (frames are scaled to "
                    + "[0, 1]); 0 gives exact (dense-equivalent) outputs. Default: ${DEFAULT-VALUE}.")
    float threshold;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Delta model file to run (its input shape sets the frame size); default: the bundled "
                    + "CNN trained with the temporal-sparsity objective on moving shapes (32x32 grey input).")
    Path model;

    @Option(names = "--random-cnn", description = "Run the untrained, seeded random-feature CNN (conv-conv-pool-"
            + "dense-dense) at --width x --height instead of a trained model (the earlier benchmark's network).")
    boolean randomCnn;

    @Option(names = "--width", defaultValue = "128", description = "Frame width the --random-cnn network sees, in "
            + "pixels. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", defaultValue = "72", description = "Frame height the --random-cnn network sees, in "
            + "pixels. Default: ${DEFAULT-VALUE}.")
    int height;

    @Option(names = "--max-frames", defaultValue = "0", description = "Stop each file after this many frames; 0 "
            + "for all. Default: ${DEFAULT-VALUE}.")
    int maxFrames;

    @Option(names = "--baseline", description = "Also time dense ND4J inference of the same network on the same "
            + "frames and report the speed-up.")
    boolean baseline;

    @Option(names = "--passes", defaultValue = "3", description = "Timed passes per engine (median reported), after "
            + "one warm-up pass. Default: ${DEFAULT-VALUE}.")
    int passes;

    @Option(names = "--event-window-ms", defaultValue = "33.333", description = "Window events are accumulated over, "
            + "in milliseconds. Default: ${DEFAULT-VALUE}.")
    double eventWindowMs;

    @Option(names = "--plot-dir", defaultValue = ".", description = "Folder for the sparsity plots "
            + "(<file name>-sparsity.png). Default: the current folder.")
    Path plotDir;

    @Option(names = "--speed", paramLabel = "X", description = "With --ui: pace frames at real time × X (default 1, "
            + "so the page shows the video at its own pace).")
    Double speed;

    @Mixin
    UiOptions ui;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        // FFmpeg prints every file's stream banner at its default level; decode errors reach us as exceptions.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        if (randomCnn && model != null) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--random-cnn and --model exclude each other");
        }
        NetworkSpec fixed = randomCnn ? null : model != null ? DeltaModelFiles.read(model) : TrainedFrameCnn.load();
        if (fixed != null && threshold != 0f) {
            List<Float> t = new ArrayList<>();
            fixed.layers().forEach(l -> t.add(threshold));
            fixed = fixed.withThresholds(t);
        }
        DashboardOptions dashboard = ui.dashboard(commandSpec);
        if (dashboard != null) {
            return runWithDashboard(fixed, dashboard, out);
        }
        Files.createDirectories(plotDir);
        List<Map<String, Object>> results = new ArrayList<>();
        int failures = 0;
        for (Path file : files) {
            try {
                List<Frame> frames = decode(file, fixed);
                Frame f0 = frames.get(0);
                NetworkSpec spec = fixed != null ? fixed
                        : FrameCnn.spec(f0.height(), f0.width(), f0.channels(), 10, threshold, 1);
                DeltaVideoAnalysis analysis = new DeltaVideoAnalysis(spec, JavaKernelBackend::new,
                        baseline ? Nd4jKernelBackend::new : null, passes, System::nanoTime);
                DeltaVideoReport report = analysis.run(file.toString(), frames);
                Path plot = plotDir.resolve(file.getFileName() + "-sparsity.png");
                plot(report, plot);
                if (json) {
                    results.add(toJson(report, plot));
                } else {
                    printText(out, report, plot);
                }
            } catch (IOException | IllegalArgumentException e) {
                failures++;
                err.println("neurostream video: " + e.getMessage());
                if (json) {
                    results.add(Map.of("file", file.toString(), "error", String.valueOf(e.getMessage())));
                }
            }
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    Map.of("threshold", threshold, "results", results)));
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    /** The video job on embedded Flink with a live dashboard; prints one summary line per stream. */
    private int runWithDashboard(NetworkSpec fixed, DashboardOptions dashboard, PrintWriter out) throws Exception {
        double pace = speed == null ? 1.0 : speed;
        if (!(pace > 0) || Double.isInfinite(pace)) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "Invalid value for option '--speed': "
                    + "it must be a finite number > 0, but got " + speed + ".");
        }
        NetworkSpec network = fixed != null ? fixed : FrameCnn.spec(height, width, 1, 10, threshold, 1);
        VideoJob job;
        try {
            job = new VideoJob(files, network, DeltaVideoFunction.Backend.JAVA, pace, null, dashboard);
            job.checkInputs();
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
        }
        for (VideoJob.StreamSummary s : job.run()) {
            out.println(s);
        }
        out.flush();
        return 0;
    }

    private List<Frame> decode(Path file, NetworkSpec fixed) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Frame> frames = new ArrayList<>();
        try (FrameReader reader = open(file, name, fixed)) {
            FramePreprocessor fit = null;
            Frame f;
            while ((maxFrames <= 0 || frames.size() < maxFrames) && (f = reader.next()) != null) {
                if (fixed != null && f.channels() == 1 && (f.width() != fixed.inputShape().width()
                        || f.height() != fixed.inputShape().height())) {
                    // Event frames come at the sensor's size; area-average them to the model's input.
                    if (fit == null) {
                        fit = new FramePreprocessor(PreprocessSpec.of(ColourMode.GREY).withResize(
                                fixed.inputShape().width(), fixed.inputShape().height(), ResizeMethod.AREA),
                                f.width(), f.height(), f.channels());
                    }
                    f = fit.apply(f);
                }
                frames.add(f);
            }
        }
        if (frames.isEmpty()) {
            throw new IOException(file + ": it holds no frame");
        }
        return frames;
    }

    private FrameReader open(Path file, String name, NetworkSpec fixed) throws IOException {
        if (name.endsWith(".aedat4")) {
            boolean oneChannel = fixed != null && fixed.inputShape().channels() == 1;
            return new EventFrameReader(file, Math.round(eventWindowMs * 1000),
                    oneChannel ? EventFrameMode.SIGNED_SUM : EventFrameMode.ON_OFF);
        }
        Shape shape = fixed != null ? fixed.inputShape() : new Shape(height, width, 1);
        PreprocessSpec spec = PreprocessSpec.of(shape.channels() == 3 ? ColourMode.RGB : ColourMode.GREY)
                .withResize(shape.width(), shape.height(), ResizeMethod.BILINEAR)
                .withNormalization(Normalization.unitRange());
        if (Files.isDirectory(file)) {
            return new ImageSequenceReader(file, 25.0, spec);
        }
        FfmpegFrameReader probe = FfmpegFrameReader.openFile(file, PreprocessSpec.of(ColourMode.GREY));
        boolean shrink = probe.sourceWidth() >= shape.width() && probe.sourceHeight() >= shape.height();
        probe.close();
        return FfmpegFrameReader.openFile(file, shrink ? spec.withResize(shape.width(), shape.height(),
                ResizeMethod.AREA) : spec);
    }

    private static void plot(DeltaVideoReport report, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("Temporal sparsity per layer: " + Path.of(report.streamKey()).getFileName())
                .xAxisTitle("frame").yAxisTitle("temporal sparsity").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (DeltaVideoReport.Layer layer : report.layers()) {
            double[] y = layer.sparsityPerFrame();
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            chart.addSeries("layer " + layer.index() + " " + layer.kind(), x, y).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void printText(PrintWriter out, DeltaVideoReport r, Path plot) {
        out.printf(Locale.ROOT, "%s: %d frames %dx%dx%d%n", r.streamKey(), r.frames(), r.width(), r.height(),
                r.channels());
        out.printf(Locale.ROOT, "  delta inference: %.1f fps", r.deltaFramesPerSecond());
        if (!Double.isNaN(r.baselineFramesPerSecond())) {
            out.printf(Locale.ROOT, "; dense %s: %.1f fps; speed-up %.2fx", r.baselineName(),
                    r.baselineFramesPerSecond(), r.speedUp());
        }
        out.println();
        out.printf(Locale.ROOT, "  temporal sparsity %.3f; effective MACs %d vs dense %d (%.2fx fewer)%n",
                r.temporalSparsity(), r.effectiveMacs(), r.denseMacs(), r.effectiveMacReduction());
        out.printf(Locale.ROOT, "  outputs deviate from exact (threshold 0) inference by at most %.3g (%.2f %% of the "
                + "largest output)%n", r.maxOutputDeviation(), 100 * r.relativeOutputDeviation());
        for (DeltaVideoReport.Layer l : r.layers()) {
            out.printf(Locale.ROOT, "  layer %d %-7s sparsity %.3f  effective %d / dense %d MACs%n", l.index(),
                    l.kind(), l.temporalSparsity(), l.effectiveMacs(), l.denseMacs());
        }
        out.println("  plot: " + plot);
    }

    private static Map<String, Object> toJson(DeltaVideoReport r, Path plot) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.streamKey());
        m.put("frames", r.frames());
        m.put("shape", List.of(r.height(), r.width(), r.channels()));
        m.put("deltaFps", r.deltaFramesPerSecond());
        if (!Double.isNaN(r.baselineFramesPerSecond())) {
            m.put("baseline", r.baselineName());
            m.put("baselineFps", r.baselineFramesPerSecond());
            m.put("speedUp", r.speedUp());
        }
        m.put("temporalSparsity", r.temporalSparsity());
        m.put("effectiveMacs", r.effectiveMacs());
        m.put("denseMacs", r.denseMacs());
        m.put("effectiveMacReduction", r.effectiveMacReduction());
        m.put("maxOutputDeviation", r.maxOutputDeviation());
        m.put("relativeOutputDeviation", r.relativeOutputDeviation());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (DeltaVideoReport.Layer l : r.layers()) {
            layers.add(Map.of("index", l.index(), "kind", l.kind(), "temporalSparsity", l.temporalSparsity(),
                    "effectiveMacs", l.effectiveMacs(), "denseMacs", l.denseMacs()));
        }
        m.put("layers", layers);
        m.put("plot", plot.toString());
        return m;
    }
}
