package org.neurostream.streams.flink.replay;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.record.StreamData;

/** Wires a {@link ReplaySource} into a job. */
public final class ReplayStreams {
    /** Name of the source operator in job graphs and metrics. */
    public static final String SOURCE_NAME = "replay";

    private ReplayStreams() {
    }

    /**
     * The source's elements with event-time watermarks (monotonous per stream): each stream in recording order,
     * streams interleaved as the readers emit them.
     */
    public static DataStreamSource<StreamData> unordered(StreamExecutionEnvironment env, ReplaySource source) {
        return env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), SOURCE_NAME,
                NeurostreamTypes.STREAM_DATA);
    }

    /**
     * All streams of all files merged into one total order by timestamp ({@link TimestampOrderedMerge}, parallelism
     * 1): the same output for any source parallelism and chunk size, up to chunk boundaries.
     */
    public static DataStream<StreamData> inTimestampOrder(StreamExecutionEnvironment env, ReplaySource source) {
        return unordered(env, source)
                .transform("timestamp order", NeurostreamTypes.STREAM_DATA, new TimestampOrderedMerge())
                .setParallelism(1);
    }
}
