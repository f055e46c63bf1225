package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.neurostream.deploy.replay.ReplayJob;
import org.neurostream.deploy.replay.ReplaySummary;
import org.neurostream.streams.flink.replay.ReplayPacing;

/** A real replay job on embedded Flink with its dashboard, watched by a real HTTP client. */
class ReplayDashboardTest {
    private static final Path EDF = Path.of(System.getProperty("neurostream.test.data"), "eeg", "S001R04.edf");

    @Test
    void replayOfShippedEdfStreamsTracesMarkersBandPowerAndHealth() throws Exception {
        int port = DashboardClient.freePort();
        // 125 s of PhysioNet EEG at 25x real time: about 5 s
        ReplayJob job = new ReplayJob(List.of(EDF), ReplayPacing.realTime(25), 32, 1,
                new DashboardOptions("127.0.0.1", port, null));
        CompletableFuture<ReplaySummary> run = CompletableFuture.supplyAsync(() -> {
            try {
                return job.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DashboardClient client = new DashboardClient(port);
        JsonNode info = client.awaitInfo(Duration.ofSeconds(90));
        List<DashboardClient.Event> events = client.readEventsUntilEnd();
        ReplaySummary summary = run.get();
        assertThat(summary.succeeded()).isTrue();

        assertThat(info.get("job").asText()).isEqualTo("neurostream replay");
        JsonNode eeg = info.get("streams").get(0);
        assertThat(eeg.get("key").asText()).isEqualTo("S001R04.edf#eeg");
        assertThat(eeg.get("channelCount").asInt()).isEqualTo(64);
        int positioned = 0;
        for (JsonNode c : eeg.get("channels")) {
            positioned += c.get("x").isNull() ? 0 : 1;
        }
        assertThat(positioned).as("PhysioNet labels such as 'Fc5.' are 10-10 names").isEqualTo(64);

        List<JsonNode> signals = DashboardClient.named(events, "signal");
        assertThat(signals).isNotEmpty();
        // signal blocks are not kept for late clients: at 25x real time the first ones may go out before this client
        // has connected (a slow connect under load), so the trace is checked from the first block it saw
        double end = signals.get(0).get("t0Seconds").asDouble();
        assertThat(end).as("start of the first block the client saw, s").isGreaterThanOrEqualTo(0).isLessThan(62.5);
        for (JsonNode s : signals) {
            assertThat(s.get("stream").asText()).isEqualTo("S001R04.edf#eeg");
            assertThat(s.get("channels").asInt()).isEqualTo(64);
            assertThat(s.get("values")).hasSize(64);
            // 160 Hz at 25x real time: a min/max envelope far below the signal's own rate
            double rate = s.get("rateHz").asDouble();
            assertThat(rate).isPositive().isLessThanOrEqualTo(160);
            assertThat(s.get("filtered").asBoolean()).isFalse();
            // continuous: each block starts where the previous one ended
            assertThat(s.get("t0Seconds").asDouble()).isCloseTo(end, org.assertj.core.api.Assertions.within(1e-6));
            end += s.get("values").get(0).size() / rate;
        }
        // ... up to the recording's end (125 s)
        assertThat(end).isCloseTo(125.0, org.assertj.core.api.Assertions.within(0.5));
        Set<String> labels = new HashSet<>();
        DashboardClient.named(events, "marker").forEach(m -> labels.add(m.get("label").asText()));
        assertThat(labels).isSubsetOf("T0", "T1", "T2").isNotEmpty();
        List<JsonNode> bandPower = DashboardClient.named(events, "bandpower");
        assertThat(bandPower).isNotEmpty();
        JsonNode bp = bandPower.get(bandPower.size() - 1);
        assertThat(bp.get("bandHz").toString()).isEqualTo("[8,13]");
        assertThat(bp.get("valuesDb")).hasSize(64);
        assertThat(bp.get("valuesDb").get(0).isNumber()).isTrue();
        boolean eegRateSeen = DashboardClient.named(events, "health").stream()
                .flatMap(h -> java.util.stream.StreamSupport.stream(h.get("streams").spliterator(), false))
                .anyMatch(s -> s.get("key").asText().equals("S001R04.edf#eeg") && s.get("rateHz").asDouble() > 0);
        assertThat(eegRateSeen).isTrue();
        JsonNode lastHealth = DashboardClient.named(events, "health").get(DashboardClient.named(events, "health").size()
                - 1);
        assertThat(lastHealth.get("streams")).allSatisfy(h -> assertThat(h.get("ended").asBoolean())
                .as("%s ended", h.get("key")).isTrue());
    }
}
