package org.neurostream.operators.video.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.video.events.EventFrameMode;
import org.neurostream.video.frame.ColourMode;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.PreprocessSpec;
import org.neurostream.video.frame.ResizeMethod;
import org.neurostream.video.frame.VideoData;
import org.neurostream.video.frame.VideoStreamError;

class FrameSourceITCase {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    /** One line per element: "F|key|index|eventTimeMs|presentationMs" or "E|key|index|message". */
    private static final class Describe extends ProcessFunction<VideoData, String> {
        @Override
        public void processElement(VideoData v, Context ctx, Collector<String> out) {
            if (v instanceof Frame f) {
                out.collect("F|" + f.streamKey() + "|" + f.frameIndex() + "|" + ctx.timestamp() + "|"
                        + FrameSource.eventTimeMillis(f) + "|" + f.width() + "x" + f.height() + "x" + f.channels());
            } else {
                VideoStreamError e = (VideoStreamError) v;
                out.collect("E|" + e.streamKey() + "|" + e.frameIndex() + "|" + e.message());
            }
        }
    }

    @Test
    void brokenStreamsAreReportedAndTheOthersGoOnWithPresentationTimesAsEventTime(@TempDir Path tmp)
            throws Exception {
        Path clip = DATA.resolve("video/test.avi");
        byte[] whole = Files.readAllBytes(clip);
        Path cut = tmp.resolve("cut.avi");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        Path garbage = tmp.resolve("garbage.mp4");
        byte[] noise = new byte[32 * 1024];
        new Random(11).nextBytes(noise);
        Files.write(garbage, noise);
        Path events = DATA.resolve("events/sample.aedat4");

        FrameSource source = FrameSource.builder()
                .videoFile(clip).videoFile(cut).videoFile(garbage).eventFile(events)
                .options(new FrameReaderOptions(PreprocessSpec.of(ColourMode.GREY).withResize(32, 24,
                        ResizeMethod.AREA), 25.0, 50_000, EventFrameMode.ON_OFF, 0, 0, 0))
                .build();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<String> it = env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(),
                        "frames")
                .process(new Describe()).returns(Types.STRING)
                .executeAndCollect()) {
            it.forEachRemaining(lines::add);
        }

        Map<String, List<String[]>> byStream = lines.stream().map(l -> l.split("\\|", -1))
                .collect(Collectors.groupingBy(p -> p[1]));
        List<String[]> good = byStream.get(clip.toString());
        assertThat(good).hasSize(164).allSatisfy(p -> {
            assertThat(p[0]).isEqualTo("F");
            assertThat(p[3]).as("event time is the presentation time").isEqualTo(p[4]);
            assertThat(p[5]).isEqualTo("32x24x1");
        });
        assertThat(good.stream().map(p -> Long.parseLong(p[2]))).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 164).boxed().toList());

        List<String[]> truncated = byStream.get(cut.toString());
        String[] last = truncated.get(truncated.size() - 1);
        assertThat(last[0]).isEqualTo("E");
        assertThat(Long.parseLong(last[2])).isEqualTo(truncated.size() - 1);
        assertThat(last[3]).contains("cut.avi").contains("at frame " + last[2]).contains("truncated");

        assertThat(byStream.get(garbage.toString())).singleElement().satisfies(p -> {
            assertThat(p[0]).isEqualTo("E");
            assertThat(p[2]).isEqualTo("0");
            assertThat(p[3]).contains("garbage.mp4: at frame 0");
        });

        // 50 ms windows over the 0.59 s recording, as in the golden accumulation.
        assertThat(byStream.get(events.toString())).hasSize(12).allSatisfy(p -> {
            assertThat(p[0]).isEqualTo("F");
            assertThat(p[5]).isEqualTo("320x240x2");
        });
    }
}
