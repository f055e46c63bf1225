package org.neurostream.deploy.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.metrics.StepMetrics;
import org.neurostream.delta.model.DeltaModelFiles;
import org.neurostream.delta.net.NetworkSpec;
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
 * The video job: video files or image folders ({@link FrameSource}, one split each) → frames scaled to the model's
 * input (bilinear resize, values in [0, 1]) → a delta network per stream in keyed state ({@link DeltaVideoFunction})
 * → per-frame outputs in {@code out/inferences/} and per-frame, per-layer delta metrics in {@code out/metrics/}, both
 * JSON lines written exactly once with checkpoints.
 *
 * @param inputs video files (anything FFmpeg decodes) or folders of PNG/JPEG images
 * @param model delta model file, or null for the bundled trained CNN ({@link TrainedFrameCnn})
 * @param backend where the network's arithmetic runs (Aparapi needs an OpenCL runtime on the task managers)
 * @param out output directory
 */
public record VideoJob(List<Path> inputs, Path model, DeltaVideoFunction.Backend backend, Path out) {
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
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(out, "out");
    }

    /** The network the job runs. */
    public NetworkSpec network() throws IOException {
        return model == null ? TrainedFrameCnn.load() : DeltaModelFiles.read(model);
    }

    /** Adds the job to {@code env} (embedded or {@code getExecutionEnvironment()} on a cluster). */
    public void build(StreamExecutionEnvironment env) throws IOException {
        NetworkSpec network = network();
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
        DeltaVideoFunction delta = model == null ? DeltaVideoFunction.of(network, backend)
                : DeltaVideoFunction.fromModelFile(model, backend);
        SingleOutputStreamOperator<FrameInference> inferences = env
                .fromSource(source.build(), WatermarkStrategy.forMonotonousTimestamps(), "frames").uid("frames")
                .keyBy((KeySelector<VideoData, String>) VideoData::streamKey, Types.STRING)
                .process(delta).returns(VideoTypes.FRAME_INFERENCE).name("delta network").uid("delta");
        sink(inferences.map(VideoJob::json, Types.STRING).name("inference to JSON").uid("inference-json"),
                "inferences");
        sink(inferences.getSideOutput(DeltaVideoFunction.METRICS).map(VideoJob::json, Types.STRING)
                .name("metrics to JSON").uid("metrics-json"), "metrics");
    }

    private void sink(DataStream<String> lines, String name) {
        lines.sinkTo(CommittedLines.sink(out.resolve(name), name)).name(name + " files").uid(name + "-files");
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
