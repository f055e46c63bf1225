package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.neurostream.streams.lsl.LslOutlet;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.lsl.LslStreamKey;
import org.neurostream.streams.lsl.PylslPeer;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/** A live LSL stream the job did not know in advance gets its channel labels and scalp map on the page. */
class LiveStreamLabelsTest {
    private static final List<String> LABELS = List.of("Fp1", "Fz", "C3", "Cz", "C4", "Pz", "O1", "EOG");

    @Test
    void theTapDescribesAnLslStreamFromTheNetworkAndThePageGetsItsScalpPositions() throws Exception {
        String name = PylslPeer.uniqueId("dash-labels");
        List<ChannelInfo> channels = new ArrayList<>();
        for (String label : LABELS) {
            channels.add(new ChannelInfo(label, "microvolts", "EEG"));
        }
        StreamDescription d = new StreamDescription("", name, "EEG", name + "-src", LABELS.size(), 250,
                ValueFormat.FLOAT32, channels);
        try (LslStreamInfo info = LslStreamInfo.fromDescription(d); LslOutlet outlet = LslOutlet.create(info)) {
            String key = LslStreamKey.of(name + "-src", name, "EEG", "");
            // the tap sees the stream's first chunk (as the LSL source delivers it) and looks the stream up
            List<DashboardEvent> events;
            try (OneInputStreamOperatorTestHarness<StreamData, DashboardEvent> h =
                    new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new DashboardTap(8, 13, null,
                            Map.of(), StreamDescriber.lsl(Duration.ofSeconds(2)), System::nanoTime,
                            DashboardTap.Analysis.TASK_THREAD)))) {
                h.setup(new DashboardEventSerializer());
                h.open();
                h.processElement(SampleChunk.regular(key, LABELS.size(), new double[LABELS.size() * 25], 100.0,
                        250), 0);
                events = h.extractOutputValues();
            }
            DashboardEvent.Described described = events.stream().filter(e -> e instanceof DashboardEvent.Described)
                    .map(e -> (DashboardEvent.Described) e).findFirst().orElseThrow();
            assertThat(described.stream()).isEqualTo(key);
            assertThat(described.name()).isEqualTo(name);
            assertThat(described.labels()).isEqualTo(LABELS);
            assertThat(described.nominalRateHz()).isEqualTo(250);

            // the hub: the stream first known from its health (ch1..ch8), then described; a connected page is told
            DashboardHub hub = new DashboardHub(new DashboardInfo("job", List.of(), List.of()), System::nanoTime);
            hub.publish(new DashboardEvent.Health(key, 250, 250, LABELS.size(), 0, 0, false));
            assertThat(hub.infoJson()).contains("\"label\":\"ch1\"");
            SseClient page = hub.connect();
            hub.publish(described);
            String message = new String(page.take(0), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(message).startsWith("event: info\ndata: ");
            JsonNode page0 = new ObjectMapper().readTree(message.substring(message.indexOf("data: ") + 6).trim());
            JsonNode stream = page0.get("streams").get(0);
            assertThat(stream.get("key").asText()).isEqualTo(key);
            assertThat(stream.get("channels")).hasSize(LABELS.size());
            Montage montage = Montage.standard1005();
            for (int c = 0; c < LABELS.size(); c++) {
                JsonNode channel = stream.get("channels").get(c);
                assertThat(channel.get("label").asText()).isEqualTo(LABELS.get(c));
                double[] p = montage.position(LABELS.get(c));
                if (p == null) {
                    assertThat(channel.get("x").isNull()).as(LABELS.get(c) + " has no scalp position").isTrue();
                } else {
                    assertThat(channel.get("x").asDouble()).isEqualTo(p[0]);
                    assertThat(channel.get("y").asDouble()).isEqualTo(p[1]);
                }
            }
            assertThat(montage.position("Cz")).isNotNull();
            assertThat(montage.position("EOG")).isNull();
            assertThat(hub.infoJson()).contains("\"label\":\"Cz\"").doesNotContain("\"label\":\"ch1\"");
        }
    }
}
