package org.neurostream.deploy.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.metrics.LayerStepMetrics;
import org.neurostream.delta.metrics.StepMetrics;
import org.neurostream.delta.model.DeltaModelFiles;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.deploy.dashboard.DashboardEvent;
import org.neurostream.deploy.dashboard.DashboardEventSerializer;
import org.neurostream.deploy.dashboard.DashboardInfo;
import org.neurostream.deploy.dashboard.DashboardOperator;
import org.neurostream.deploy.dashboard.DashboardOptions;
import org.neurostream.deploy.dashboard.Dashboards;
import org.neurostream.deploy.dashboard.FrameTap;
import org.neurostream.deploy.jobs.CommittedLines;
import org.neurostream.operators.video.VideoTypes;
import org.neurostream.operators.video.delta.DeltaVideoFunction;
import org.neurostream.operators.video.source.FrameReaderOptions;
import org.neurostream.operators.video.source.FrameSource;
import org.neurostream.video.delta.FrameDeltaMetrics;
import org.neurostream.video.delta.FrameInference;
import org.neurostream.video.delta.TrainedFrameCnn;
import org.neurostream.video.frame.ColourMode;
import org.neurostream.video.frame.Normalization;
import org.neurostream.video.frame.PreprocessSpec;
import org.neurostream.video.frame.ResizeMethod;
import org.neurostream.video.frame.VideoData;

/**
 * The video job: video files or image folders ({@link FrameSource}, one split each) → frames scaled to the network's
 * input (bilinear resize, values in [0, 1]) → optional pacing → a delta network per stream in keyed state
 * ({@link DeltaVideoFunction}) → per-frame outputs and per-frame, per-layer delta metrics.
 *
 * <p>The same job serves the cluster entry point {@code VideoJobMain} (outputs in {@code out/inferences/} and
 * {@code out/metrics/}, JSON lines written exactly once with checkpoints) and {@code neurostream video --ui}
 * (embedded, paced at the video's own speed, with a live dashboard of the current frames and per-layer temporal
 * sparsity and effective MACs, summarized per stream by {@link #run()}).
 *
 * @param inputs    video files (anything FFmpeg decodes) or folders of PNG/JPEG images
 * @param network   the delta network; its input shape sets the frames' size and colour
 * @param backend   where the network's arithmetic runs (Aparapi needs an OpenCL runtime on the task managers)
 * @param speed     pace frames at real time × speed; infinite for as fast as possible
 * @param out       output directory for the JSON lines, or null to discard the outputs
 * @param dashboard where to serve a live dashboard, or null for none
 */
public record VideoJob(List<Path> inputs, NetworkSpec network, DeltaVideoFunction.Backend backend, double speed,
        Path out, DashboardOptions dashboard) {

    public VideoJob {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("At least one video file or image folder is required but none was "
                    + "given.");
        }
        for (Path p : inputs) {
            if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".aedat4")) {
                throw new IllegalArgumentException("Input '" + p + "': event-camera files have the sensor's frame "
                        + "size, which the video job does not rescale; convert them with neurostream video instead.");
            }
        }
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(backend, "backend");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("Invalid speed " + speed + "; it must be > 0.");
        }
    }

    /**
     * The cluster job: as fast as possible, outputs written to {@code out}, no dashboard.
     *
     * @param model delta model file, or null for the bundled trained CNN ({@link TrainedFrameCnn})
     * @throws IOException when the model file cannot be read (named in the message)
     */
    public VideoJob(List<Path> inputs, Path model, DeltaVideoFunction.Backend backend, Path out) throws IOException {
        this(inputs, model == null ? TrainedFrameCnn.load() : DeltaModelFiles.read(model), backend,
                Double.POSITIVE_INFINITY, Objects.requireNonNull(out, "out"), null);
    }

    /** One stream's summary: frames, mean temporal sparsity over weighted layers, MACs done and dense. */
    public record StreamSummary(String streamKey, long frames, double temporalSparsity, long effectiveMacs,
            long denseMacs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d frames, temporal sparsity %.3f, effective MACs %d vs dense %d "
                    + "(%.2fx fewer)", streamKey, frames, temporalSparsity, effectiveMacs, denseMacs,
                    effectiveMacs == 0 ? Double.POSITIVE_INFINITY : (double) denseMacs / effectiveMacs);
        }
    }

    /**
     * Adds the job to {@code env} (embedded, or {@code getExecutionEnvironment()} on a cluster).
     *
     * @param flinkRestUrl the Flink REST address the dashboard asks for backpressure, or null
     * @return the per-frame delta metrics (also written to {@code out/metrics/} when there is an output directory)
     */
    public DataStream<FrameDeltaMetrics> build(StreamExecutionEnvironment env, String flinkRestUrl)
            throws IOException {
        Shape shape = network.inputShape();
        PreprocessSpec preprocess = PreprocessSpec.of(shape.channels() == 3 ? ColourMode.RGB : ColourMode.GREY)
                .withResize(shape.width(), shape.height(), ResizeMethod.BILINEAR)
                .withNormalization(Normalization.unitRange());
        FrameSource.Builder source = FrameSource.builder().options(FrameReaderOptions.of(preprocess));
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                source.imageFolder(p.toAbsolutePath());
            } else {
                source.videoFile(p.toAbsolutePath());
            }
        }
        DataStream<VideoData> frames = env.fromSource(source.build(), WatermarkStrategy.forMonotonousTimestamps(),
                "frames", VideoTypes.VIDEO_DATA).uid("frames");
        if (Double.isFinite(speed)) {
            frames = frames.map(new FramePacing(speed), VideoTypes.VIDEO_DATA).name("pacing").uid("pacing");
        }
        SingleOutputStreamOperator<FrameInference> inferences = frames
                .keyBy((KeySelector<VideoData, String>) VideoData::streamKey, Types.STRING)
                .process(DeltaVideoFunction.of(network, backend), VideoTypes.FRAME_INFERENCE)
                .name("delta network").uid("delta");
        DataStream<FrameDeltaMetrics> metrics = inferences.getSideOutput(DeltaVideoFunction.METRICS);
        if (out != null) {
            sink(inferences.map(VideoJob::json, Types.STRING).name("inference to JSON").uid("inference-json"),
                    "inferences");
            sink(metrics.map(VideoJob::json, Types.STRING).name("metrics to JSON").uid("metrics-json"), "metrics");
        } else {
            inferences.sinkTo(new DiscardingSink<>()).name("outputs").uid("outputs");
        }
        if (dashboard != null) {
            // attach dashboard
            DataStream<DashboardEvent> shown = frames.process(new FrameTap(), DashboardEventSerializer.TYPE)
                    .name("dashboard frames").uid("dashboard-frames")
                    .union(metrics.map(VideoJob::sparsity, DashboardEventSerializer.TYPE).name("dashboard sparsity")
                            .uid("dashboard-sparsity"));
            DashboardOperator.attach(shown, new DashboardInfo("neurostream video", List.of(), List.of()), dashboard,
                    flinkRestUrl);
        }
        return metrics;
    }

    /** Runs the job to its end on an embedded Flink; one summary per stream, by stream key. */
    public List<StreamSummary> run() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        String restUrl = dashboard == null ? null : Dashboards.embeddedRestUrl(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        DataStream<FrameDeltaMetrics> metrics = build(env, restUrl);
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, double[]> sparsity = new TreeMap<>();
        try (CloseableIterator<FrameDeltaMetrics> it = metrics.collectAsync()) {
            env.executeAsync("neurostream video").getJobExecutionResult();
            while (it.hasNext()) {
                FrameDeltaMetrics m = it.next();
                long[] c = counts.computeIfAbsent(m.streamKey(), k -> new long[3]);
                c[0]++;
                c[1] += m.metrics().effectiveMacs();
                c[2] += m.metrics().denseMacs();
                sparsity.computeIfAbsent(m.streamKey(), k -> new double[1])[0] += m.metrics().temporalSparsity();
            }
        }
        List<StreamSummary> summaries = new ArrayList<>();
        counts.forEach((key, c) -> summaries.add(new StreamSummary(key, c[0], sparsity.get(key)[0] / c[0], c[1],
                c[2])));
        return summaries;
    }

    /** Checks that every input exists before Flink starts. */
    public void checkInputs() throws IOException {
        for (Path f : inputs) {
            if (!Files.exists(f)) {
                throw new IOException("Video input '" + f + "' does not exist.");
            }
        }
    }

    private void sink(DataStream<String> lines, String name) {
        CommittedLines.attach(lines, out.resolve(name), name);
    }

    /** A frame's per-layer metrics as a dashboard event (layers named "index kind", e.g. "0 conv2d"). */
    static DashboardEvent sparsity(FrameDeltaMetrics m) {
        List<LayerStepMetrics> layers = m.metrics().layers();
        List<String> names = new ArrayList<>();
        double[] s = new double[layers.size()];
        long[] effective = new long[layers.size()];
        long[] dense = new long[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            LayerStepMetrics l = layers.get(i);
            names.add(l.layerIndex() + " " + l.kind());
            s[i] = l.temporalSparsity();
            effective[i] = l.effectiveMacs();
            dense[i] = l.denseMacs();
        }
        return new DashboardEvent.Sparsity(m.streamKey(), m.frameIndex(), names, s, effective, dense);
    }

    /** One frame's outputs as a JSON line. */
    static String json(FrameInference f) {
        StringBuilder b = new StringBuilder("{\"stream\":\"").append(escape(f.streamKey())).append("\",\"frame\":")
                .append(f.frameIndex()).append(",\"timeSeconds\":").append(f.presentationTimeSeconds())
                .append(",\"outputs\":[");
        for (int i = 0; i < f.size(); i++) {
            b.append(i == 0 ? "" : ",").append(f.output(i));
        }
        return b.append("]}").toString();
    }

    /** One frame's delta metrics as a JSON line. */
    static String json(FrameDeltaMetrics m) {
        StepMetrics s = m.metrics();
        return "{\"stream\":\"" + escape(m.streamKey()) + "\",\"frame\":" + m.frameIndex() + ",\"timeSeconds\":"
                + m.presentationTimeSeconds() + ",\"temporalSparsity\":" + s.temporalSparsity() + ",\"effectiveMacs\":"
                + s.effectiveMacs() + ",\"denseMacs\":" + s.denseMacs() + "}";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
