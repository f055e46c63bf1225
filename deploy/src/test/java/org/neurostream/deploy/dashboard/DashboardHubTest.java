package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardHubTest {

    private static List<String> drain(SseClient client) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        byte[] m;
        while ((m = client.take(0)) != null) {
            messages.add(new String(m, StandardCharsets.UTF_8));
        }
        return messages;
    }

    private static DashboardEvent.Decision decision(long trial) {
        return new DashboardEvent.Decision("S001", trial, trial * 4.0, List.of("T1", "T2"), new double[] {0.4, 0.6},
                "T2", "T1", 0.5, 0.0, 2.0);
    }

    @Test
    void aLateClientGetsEveryEarlierDecisionOnceThenTheLiveOnes() throws Exception {
        DashboardHub hub = new DashboardHub(new DashboardInfo("job", List.of(), List.of("T1", "T2")), System::nanoTime);
        hub.publish(decision(1));
        hub.publish(decision(2));
        hub.publish(new DashboardEvent.BandPowerDb("s", 8, 13, new double[] {1, 2}));
        hub.publish(new DashboardEvent.BandPowerDb("s", 8, 13, new double[] {3, 4}));
        SseClient late = hub.connect();
        hub.publish(decision(3));
        List<String> got = drain(late);
        assertThat(got.stream().filter(m -> m.startsWith("event: prediction")).map(m -> m.replaceAll(
                "(?s).*\"trial\":(\\d+).*", "$1")).toList()).containsExactly("1", "2", "3");
        // of the band power only the latest per stream is kept for late clients
        assertThat(got.stream().filter(m -> m.startsWith("event: bandpower")).toList()).hasSize(1).first()
                .asString().contains("[3,4]");
        String p = got.stream().filter(m -> m.contains("\"trial\":1")).findFirst().orElseThrow();
        assertThat(p).contains("\"probabilities\":{\"T1\":0.4,\"T2\":0.6}").contains("\"correct\":false");
    }

    @Test
    void streamsSeenOnlyAtRunTimeJoinTheInfo() {
        DashboardHub hub = new DashboardHub(new DashboardInfo("job", List.of(), List.of()), System::nanoTime);
        hub.publish(new DashboardEvent.Health("lsl-amp", 250, 250, 8, 0, 0, false));
        hub.publish(new DashboardEvent.FrameImage("cam", 0, 0, 2, 2, 1, new byte[4]));
        assertThat(hub.infoJson()).contains("{\"key\":\"lsl-amp\",\"name\":\"lsl-amp\",\"type\":\"EEG\","
                + "\"kind\":\"eeg\",\"channelCount\":8").contains("\"key\":\"cam\"").contains("\"kind\":\"video\"");
        assertThat(new String(hub.healthMessage(), StandardCharsets.UTF_8)).contains("\"key\":\"lsl-amp\",\"rateHz\":250");
    }
}
