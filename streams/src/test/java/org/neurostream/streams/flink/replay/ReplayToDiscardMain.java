package org.neurostream.streams.flink.replay;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * Replays one file on an embedded Flink (parallelism 1) into a discarding sink and prints the channel-samples and
 * markers that went through, for {@link LongEdfReplayHeapITCase}, which runs it in a JVM of its own with a small heap.
 *
 * <p>Usage: {@code ReplayToDiscardMain FILE lazy|eager CHUNK_SAMPLES}; {@code eager} replays the file decoded whole,
 * as the replay did before EDF/BDF files were decoded on demand. Exits with 0 after printing
 * {@code channel-samples N markers M}, with 1 after printing the failure.
 */
public final class ReplayToDiscardMain {
    /** Counts channel-samples and markers into accumulators and passes the elements on. */
    static final class Count extends RichMapFunction<StreamData, StreamData> {
        private transient LongCounter channelSamples;
        private transient LongCounter markers;

        @Override
        public void open(OpenContext context) {
            channelSamples = getRuntimeContext().getLongCounter("channel-samples");
            markers = getRuntimeContext().getLongCounter("markers");
        }

        @Override
        public StreamData map(StreamData element) {
            if (element instanceof SampleChunk c) {
                channelSamples.add((long) c.sampleCount() * c.channelCount());
            } else {
                markers.add(1);
            }
            return element;
        }
    }

    private ReplayToDiscardMain() {
    }

    public static void main(String[] args) {
        try {
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            ReplaySource.Builder source = ReplaySource.builder().files(List.of(Path.of(args[0])))
                    .chunkSamples(Integer.parseInt(args[2]));
            if (args[1].equals("eager")) {
                source.recordingReader(FileRecordingReader.decodingWholeFiles());
            }
            ReplayStreams.unordered(env, source.build()).map(new Count()).returns(NeurostreamTypes.STREAM_DATA)
                    .sinkTo(new DiscardingSink<>());
            JobExecutionResult result = env.execute("replay to discard");
            System.out.println("channel-samples " + result.getAccumulatorResult("channel-samples") + " markers "
                    + result.getAccumulatorResult("markers") + " in " + result.getNetRuntime() + " ms");
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }
}
