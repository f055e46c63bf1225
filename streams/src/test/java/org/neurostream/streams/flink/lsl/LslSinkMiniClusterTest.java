package org.neurostream.streams.flink.lsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.lsl.Lsl;
import org.neurostream.streams.lsl.PylslPeer;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/** The LSL sink in a real Flink MiniCluster, read by pylsl inlets over loopback. */
class LslSinkMiniClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
                    .build());

    @Test
    void predictionsAndClassProbabilitiesAreReadableByPylsl() throws Exception {
        String markerId = PylslPeer.uniqueId("sink-mrk");
        String probId = PylslPeer.uniqueId("sink-prob");
        double t0 = Lsl.localClock();
        List<StreamData> elements = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            elements.add(Marker.of("pred", t0 + i * 0.5, i % 2 == 0 ? "left" : "right"));
        }
        for (int k = 0; k < 3; k++) {
            // 4 predictions × 2 classes, channel-major
            double[] values = new double[8];
            double[] stamps = new double[4];
            for (int s = 0; s < 4; s++) {
                double pLeft = (k * 4 + s) / 16.0;
                values[s] = pLeft;
                values[4 + s] = 1 - pLeft;
                stamps[s] = t0 + (k * 4 + s) * 0.25;
            }
            elements.add(SampleChunk.withTimestamps("proba", 2, values, stamps, 0));
        }
        try (PylslPeer markerPeer = PylslPeer.start("inlet", "--pred", "source_id='" + markerId + "'",
                "--samples", "5", "--timeout", "20");
             PylslPeer probPeer = PylslPeer.start("inlet", "--pred", "source_id='" + probId + "'",
                     "--samples", "12", "--timeout", "20")) {
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(1);
            env.fromData(elements, NeurostreamTypes.STREAM_DATA)
                    .sinkTo(LslSink.builder().markerStream(markerId, markerId)
                            .probabilityStream(probId, probId, List.of("left", "right"))
                            .waitForConsumers(WAIT).build());
            env.execute("lsl-sink-test");

            JsonNode markers = markerPeer.awaitJson(WAIT);
            assertThat(markers.get("type").asText()).isEqualTo("Markers");
            assertThat(markers.get("channel_format").asInt()).isEqualTo(3); // cf_string
            assertThat(markers.get("samples")).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(markers.get("samples").get(i).get(0).asText()).isEqualTo(i % 2 == 0 ? "left" : "right");
                assertThat(markers.get("timestamps").get(i).asDouble()).isEqualTo(t0 + i * 0.5);
            }
            JsonNode probs = probPeer.awaitJson(WAIT);
            assertThat(probs.get("type").asText()).isEqualTo(LslSink.PROBABILITIES_TYPE);
            assertThat(probs.get("channel_format").asInt()).isEqualTo(1); // cf_float32
            assertThat(probs.get("channels").get(0).get("label").asText()).isEqualTo("left");
            assertThat(probs.get("channels").get(1).get("label").asText()).isEqualTo("right");
            assertThat(probs.get("samples")).hasSize(12);
            for (int i = 0; i < 12; i++) {
                assertThat(probs.get("samples").get(i).get(0).asDouble()).isEqualTo((float) (i / 16.0));
                assertThat(probs.get("samples").get(i).get(1).asDouble()).isEqualTo((float) (1 - i / 16.0));
                assertThat(probs.get("timestamps").get(i).asDouble()).isEqualTo(t0 + i * 0.25);
            }
        }
    }

    @Test
    void aSinkWithoutStreamsOrClassesIsRejected() {
        assertThatThrownBy(() -> LslSink.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither was configured");
        assertThatThrownBy(() -> LslSink.builder().probabilityStream("p", "p", List.of()).build())
                .hasMessageContaining("at least one class label");
    }
}
