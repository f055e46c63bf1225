package org.neurostream.operators.video.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.operators.video.VideoTypes;
import org.neurostream.operators.video.source.FrameReaderOptions;
import org.neurostream.operators.video.source.FrameSource;
import org.neurostream.video.delta.FrameCnn;
import org.neurostream.video.delta.FrameDeltaMetrics;
import org.neurostream.video.delta.FrameInference;
import org.neurostream.video.frame.ColourMode;
import org.neurostream.video.frame.Normalization;
import org.neurostream.video.frame.PreprocessSpec;
import org.neurostream.video.frame.ResizeMethod;
import org.neurostream.video.frame.VideoData;

class DeltaVideoSavepointITCase {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    /** Test-only hand-over from the sink instances on the MiniCluster to the test, per run name. */
    private static final Map<String, Queue<FrameInference>> RESULTS = new ConcurrentHashMap<>();
    private static final Map<String, Queue<FrameDeltaMetrics>> METRICS = new ConcurrentHashMap<>();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    /** Slows frames down so that a savepoint can be taken mid-video. */
    private static final class Throttle implements MapFunction<VideoData, VideoData> {
        @Override
        public VideoData map(VideoData v) throws Exception {
            Thread.sleep(8);
            return v;
        }
    }

    private record Collecting<T>(String run, boolean metrics) implements Sink<T> {
        @Override
        @SuppressWarnings("unchecked")
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    if (metrics) {
                        METRICS.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>())
                                .add((FrameDeltaMetrics) element);
                    } else {
                        RESULTS.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>()).add((FrameInference) element);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static StreamExecutionEnvironment job(String run, Configuration conf, DeltaVideoFunction fn) {
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        PreprocessSpec spec = PreprocessSpec.of(ColourMode.GREY).withResize(64, 36, ResizeMethod.AREA)
                .withNormalization(Normalization.unitRange());
        FrameSource source = FrameSource.builder()
                .videoFile(DATA.resolve("video/test.avi"))
                .videoFile(DATA.resolve("video/test_video_structuralize.mp4"))
                .options(FrameReaderOptions.of(spec)).build();
        SingleOutputStreamOperator<FrameInference> out = env
                .fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "frames").uid("frames")
                .map(new Throttle()).returns(VideoTypes.VIDEO_DATA).uid("throttle")
                .keyBy((KeySelector<VideoData, String>) VideoData::streamKey, Types.STRING)
                .process(fn).returns(VideoTypes.FRAME_INFERENCE).uid("delta");
        out.sinkTo(new Collecting<>(run, false)).uid("outputs");
        out.getSideOutput(DeltaVideoFunction.METRICS).sinkTo(new Collecting<>(run, true)).uid("metrics");
        return env;
    }

    private static Map<String, FrameInference> byFrame(List<FrameInference> results) {
        Map<String, FrameInference> map = new HashMap<>();
        for (FrameInference r : results) {
            FrameInference previous = map.put(r.streamKey() + "#" + r.frameIndex(), r);
            assertThat(previous).as("frame %s #%d emitted twice", r.streamKey(), r.frameIndex()).isNull();
        }
        return map;
    }

    @Test
    void savepointMidVideoAndRestoreGiveTheUninterruptedOutputs(@TempDir Path savepoints) throws Exception {
        NetworkSpec spec = FrameCnn.spec(36, 64, 1, 10, 0.02f, 5);
        DeltaVideoFunction fn = DeltaVideoFunction.of(spec, DeltaVideoFunction.Backend.JAVA);

        job("full", new Configuration(), fn).execute("uninterrupted");
        Map<String, FrameInference> full = byFrame(new ArrayList<>(RESULTS.get("full")));
        assertThat(full).hasSize(164 + 300);
        assertThat(METRICS.get("full")).hasSize(164 + 300)
                .allSatisfy(m -> assertThat(m.metrics().effectiveMacs()).isLessThanOrEqualTo(
                        m.metrics().denseMacs()));

        JobClient first = job("part1", new Configuration(), fn).executeAsync("until savepoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (RESULTS.getOrDefault("part1", new ConcurrentLinkedQueue<>()).size() < 60
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(),
                SavepointFormatType.CANONICAL).get(120, TimeUnit.SECONDS);
        int before = RESULTS.get("part1").size();
        assertThat(before).as("the savepoint falls mid-video").isBetween(60, 164 + 300 - 1);

        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        job("part2", restore, fn).execute("restored");

        List<FrameInference> resumed = new ArrayList<>(RESULTS.get("part1"));
        resumed.addAll(RESULTS.getOrDefault("part2", new ConcurrentLinkedQueue<>()));
        Map<String, FrameInference> combined = byFrame(resumed);
        assertThat(combined.keySet()).isEqualTo(full.keySet());
        for (Map.Entry<String, FrameInference> e : full.entrySet()) {
            assertThat(combined.get(e.getKey()).outputs()).as(e.getKey()).containsExactly(e.getValue().outputs());
        }
    }
}
