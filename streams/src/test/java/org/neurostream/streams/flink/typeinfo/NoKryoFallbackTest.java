package org.neurostream.streams.flink.typeinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * Runs record types through shuffles, lambdas and keyed state on a MiniCluster with generic types disabled: any
 * fallback to Kryo would fail the job.
 */
class NoKryoFallbackTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberSlotsPerTaskManager(2).build());

    private static StreamExecutionEnvironment withoutGenericTypes() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    /** Keeps the last chunk and all markers of each stream in keyed state; emits a description per element. */
    static final class Remember extends KeyedProcessFunction<String, StreamData, StreamDescription> {
        private transient ValueState<SampleChunk> lastChunk;
        private transient ListState<Marker> markers;

        @Override
        public void open(OpenContext openContext) {
            lastChunk = getRuntimeContext().getState(new ValueStateDescriptor<>("last", SampleChunk.class));
            markers = getRuntimeContext().getListState(new ListStateDescriptor<>("markers", Marker.class));
        }

        @Override
        public void processElement(StreamData element, Context ctx, Collector<StreamDescription> out)
                throws Exception {
            if (element instanceof SampleChunk chunk) {
                lastChunk.update(chunk);
            } else {
                markers.add((Marker) element);
            }
            int count = 0;
            for (Marker ignored : markers.get()) {
                count++;
            }
            SampleChunk last = lastChunk.value();
            int channels = last == null ? 1 : last.channelCount();
            out.collect(new StreamDescription(element.streamKey(), "markers=" + count, "EEG", "", channels, 250.0,
                    ValueFormat.FLOAT32, List.of()));
        }
    }

    @Test
    void recordTypesCrossShufflesAndStateWithoutKryo() throws Exception {
        StreamExecutionEnvironment env = withoutGenericTypes();
        List<StreamData> input = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            input.add(SampleChunk.regular("eeg", 2, new double[] {i, i + 1, i + 2, i + 3}, i * 0.008, 250.0));
            input.add(Marker.of("cues", i * 0.008, "T" + (i % 3)));
        }
        DataStream<StreamData> elements = env.fromData(input, NeurostreamTypes.STREAM_DATA);
        // The lambda's result type comes from the @TypeInfo annotation on SampleChunk/StreamData.
        DataStream<StreamData> doubled = elements.rebalance().map(e -> e instanceof SampleChunk c
                ? SampleChunk.regular(c.streamKey(), c.channelCount(), c.values().clone(), c.firstTimestampSeconds(),
                c.nominalRateHz()) : e);
        List<StreamDescription> out = doubled.keyBy(StreamData::streamKey).process(new Remember())
                .rebalance().map(d -> d).executeAndCollect(100);

        assertThat(out).hasSize(40);
        assertThat(out).filteredOn(d -> d.streamKey().equals("cues")).extracting(StreamDescription::name)
                .contains("markers=20");
        assertThat(out).filteredOn(d -> d.streamKey().equals("eeg"))
                .allSatisfy(d -> assertThat(d.channelCount()).isEqualTo(2));
    }

    /** Not annotated and not a POJO: Flink can only serialize it with Kryo. */
    static final class Opaque {
        final int value;

        Opaque(int value) {
            this.value = value;
        }
    }

    @Test
    void theSameSettingRejectsATypeThatWouldNeedKryo() {
        StreamExecutionEnvironment env = withoutGenericTypes();
        assertThatThrownBy(() -> env.fromData(1, 2, 3).map(Opaque::new).rebalance().map(o -> o.value)
                .executeAndCollect(3))
                .hasStackTraceContaining("Generic types have been disabled");
    }
}
