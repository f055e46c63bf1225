package org.neurostream.operators.video.delta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.neurostream.delta.kernel.AparapiKernelBackend;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.kernel.KernelBackend;
import org.neurostream.delta.model.DeltaModelFiles;
import org.neurostream.delta.net.DeltaState;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.operators.video.VideoTypes;
import org.neurostream.video.delta.DeltaFrameRunner;
import org.neurostream.video.delta.FrameDeltaMetrics;
import org.neurostream.video.delta.FrameInference;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.VideoData;
import org.neurostream.video.frame.VideoStreamError;

/**
 * Runs a delta network per video stream (key: the stream key) with the network's memories in Flink keyed state, so
 * each frame propagates only its changes and a savepoint carries the memories: a job restored mid-video continues with
 * outputs identical to an uninterrupted run.
 *
 * <p>Emits per frame a {@link FrameInference} (the last layer's values), on {@link #METRICS} a
 * {@link FrameDeltaMetrics} (per-layer deltas sent, effective and dense MACs), and passes stream errors on to
 * {@link #ERRORS}. The model travels with the job as the bytes of a delta model file.
 *
 * <p>State: one {@link DeltaState} per stream, updated after every frame. A live network per stream is kept in the
 * operator and rebuilt from the state when missing (after a restore or failover).
 */
public final class DeltaVideoFunction extends KeyedProcessFunction<String, VideoData, FrameInference> {
    private static final long serialVersionUID = 1L;

    /** Per-frame, per-layer metrics of the delta network. */
    public static final OutputTag<FrameDeltaMetrics> METRICS =
            new OutputTag<>("delta-metrics", VideoTypes.FRAME_DELTA_METRICS);
    /** Streams that broke off, as the source reported them. */
    public static final OutputTag<VideoData> ERRORS = new OutputTag<>("stream-errors", VideoTypes.VIDEO_DATA);

    /** Where the network's arithmetic runs. */
    public enum Backend { JAVA, APARAPI }

    private final byte[] modelFile;
    private final Backend backend;
    private transient NetworkSpec spec;
    private transient ValueState<DeltaState> memories;
    private transient Map<String, DeltaFrameRunner> runners;

    private DeltaVideoFunction(byte[] modelFile, Backend backend) {
        this.modelFile = modelFile;
        this.backend = backend;
    }

    /** A function running the network of a delta model file (read now, so the model travels with the job). */
    public static DeltaVideoFunction fromModelFile(Path file, Backend backend) throws IOException {
        DeltaModelFiles.read(file); // fail at job construction, naming the file, rather than on the cluster
        return new DeltaVideoFunction(Files.readAllBytes(file), backend);
    }

    /** A function running {@code spec}. */
    public static DeltaVideoFunction of(NetworkSpec spec, Backend backend) throws IOException {
        Path tmp = Files.createTempFile("neurostream-model", ".zip");
        try {
            DeltaModelFiles.write(spec, tmp);
            return new DeltaVideoFunction(Files.readAllBytes(tmp), backend);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void open(OpenContext context) throws Exception {
        Path tmp = Files.createTempFile("neurostream-model", ".zip");
        try {
            Files.write(tmp, modelFile);
            spec = DeltaModelFiles.read(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
        memories = getRuntimeContext().getState(new ValueStateDescriptor<>("delta-memories", VideoTypes.DELTA_STATE));
        runners = new HashMap<>();
    }

    @Override
    public void processElement(VideoData element, Context ctx, Collector<FrameInference> out) throws Exception {
        if (element instanceof VideoStreamError) {
            ctx.output(ERRORS, element);
            return;
        }
        Frame frame = (Frame) element;
        DeltaFrameRunner runner = runners.get(frame.streamKey());
        if (runner == null) {
            runner = new DeltaFrameRunner(spec, backend());
            DeltaState saved = memories.value();
            if (saved != null) {
                runner.restore(saved);
            }
            runners.put(frame.streamKey(), runner);
        }
        out.collect(runner.infer(frame));
        ctx.output(METRICS, runner.lastMetrics(frame));
        memories.update(runner.snapshot());
    }

    private KernelBackend backend() {
        return switch (backend) {
            case JAVA -> new JavaKernelBackend();
            case APARAPI -> AparapiKernelBackend.bestDevice();
        };
    }

    @Override
    public void close() throws Exception {
        if (runners != null) {
            runners.values().forEach(DeltaFrameRunner::close);
            runners.clear();
        }
    }
}
