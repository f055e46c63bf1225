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
import org.neurostream.delta.metrics.LayerStepMetrics;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.deploy.dashboard.DashboardEvent;
import org.neurostream.deploy.dashboard.DashboardEventSerializer;
import org.neurostream.deploy.dashboard.DashboardInfo;
import org.neurostream.deploy.dashboard.DashboardOperator;
import org.neurostream.deploy.dashboard.DashboardOptions;
import org.neurostream.deploy.dashboard.Dashboards;
import org.neurostream.deploy.dashboard.FrameTap;
import org.neurostream.operators.video.VideoTypes;
import org.neurostream.operators.video.delta.DeltaVideoFunction;
import org.neurostream.operators.video.source.FrameReaderOptions;
import org.neurostream.operators.video.source.FrameSource;
import org.neurostream.video.delta.FrameDeltaMetrics;
import org.neurostream.video.delta.FrameInference;
import org.neurostream.video.frame.ColourMode;
import org.neurostream.video.frame.Normalization;
import org.neurostream.video.frame.PreprocessSpec;
import org.neurostream.video.frame.ResizeMethod;
import org.neurostream.video.frame.VideoData;

/**
 * The video job on an embedded Flink: frames of video files, image folders or AEDAT4 event files
 * ({@link FrameSource}, resized to the network's input) → optional pacing → a delta network per stream in keyed
 * state ({@link DeltaVideoFunction}) → per-frame, per-layer metrics, summarized per stream. With a dashboard, the
 * page shows the current frames and per-layer temporal sparsity and effective MACs as they are computed.
 *
 * @param files     video files, image folders or {@code .aedat4} files
 * @param network   the delta network; its input shape sets the frames' size and colour
 * @param speed     pace frames at real time × speed; infinite for as fast as possible
 * @param dashboard where to serve a live dashboard, or null
 */
public record VideoJob(List<Path> files, NetworkSpec network, double speed, DashboardOptions dashboard) {

    public VideoJob {
        files = List.copyOf(files);
        Objects.requireNonNull(network, "network");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("Invalid speed " + speed + "; it must be > 0.");
        }
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

    /** Runs the job to its end; one summary per stream, by stream key. */
    public List<StreamSummary> run() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        String restUrl = dashboard == null ? null : Dashboards.embeddedRestUrl(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        var shape = network.inputShape();
        PreprocessSpec preprocess = PreprocessSpec.of(shape.channels() == 3 ? ColourMode.RGB : ColourMode.GREY)
                .withResize(shape.width(), shape.height(), ResizeMethod.AREA)
                .withNormalization(Normalization.unitRange());
        FrameSource.Builder builder = FrameSource.builder().options(FrameReaderOptions.of(preprocess));
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                builder.imageFolder(f);
            } else if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".aedat4")) {
                builder.eventFile(f);
            } else {
                builder.videoFile(f);
            }
        }
        DataStream<VideoData> frames = env.fromSource(builder.build(), WatermarkStrategy.forMonotonousTimestamps(),
                "frames", VideoTypes.VIDEO_DATA).uid("frames");
        if (Double.isFinite(speed)) {
            frames = frames.map(new FramePacing(speed), VideoTypes.VIDEO_DATA).name("pacing").uid("pacing");
        }
        SingleOutputStreamOperator<FrameInference> inference = frames
                .keyBy((KeySelector<VideoData, String>) VideoData::streamKey, Types.STRING)
                .process(DeltaVideoFunction.of(network, DeltaVideoFunction.Backend.JAVA), VideoTypes.FRAME_INFERENCE)
                .name("delta network").uid("delta");
        inference.sinkTo(new DiscardingSink<>()).name("outputs").uid("outputs");
        DataStream<FrameDeltaMetrics> metrics = inference.getSideOutput(DeltaVideoFunction.METRICS);
        if (dashboard != null) {
            // attach dashboard
            DataStream<DashboardEvent> shown = frames.process(new FrameTap(), DashboardEventSerializer.TYPE)
                    .name("dashboard frames").uid("dashboard-frames")
                    .union(metrics.map(VideoJob::sparsity, DashboardEventSerializer.TYPE).name("dashboard sparsity")
                            .uid("dashboard-sparsity"));
            DashboardOperator.attach(shown, new DashboardInfo("neurostream video", List.of(), List.of()), dashboard,
                    restUrl);
        }
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

    /** Checks that every input exists before Flink starts. */
    public void checkInputs() throws IOException {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new IOException("Video input '" + f + "' does not exist.");
            }
        }
    }
}
