package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.deploy.online.OnlineRunner;
import org.neurostream.deploy.online.RunSpec;

/**
 * The online BCI job with its dashboard on shipped PhysioNet data and the shipped calibrated model: raw and filtered
 * traces and every decision with class probabilities reach the page.
 */
class OnlineDashboardTest {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));

    @Test
    void onlineJobStreamsRawAndFilteredTracesAndEveryDecision(@TempDir Path out) throws Exception {
        int port = DashboardClient.freePort();
        RunSpec spec = new RunSpec(List.of("file:" + DATA.resolve("eeg/eegmmidb_S001/S001R10.edf")),
                DATA.resolve("models/S001R06-hands-feet-csp-lda.json"),
                Adaptation.defaults(Adaptation.Kind.parse("lda")), false, false, null, out, 25.0,
                RunSpec.DEFAULT_CHUNK_SAMPLES, null, 0, null, false, false);
        OnlineJob job = new OnlineJob(spec);
        CompletableFuture<OnlineRunner.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return OnlineRunner.run(job, p -> { }, null, all -> false, new DashboardOptions("127.0.0.1", port, null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DashboardClient client = new DashboardClient(port);
        JsonNode info = client.awaitInfo(Duration.ofSeconds(90));
        List<DashboardClient.Event> events = client.readEventsUntilEnd();
        OnlineRunner.Result result = run.get();

        assertThat(info.get("job").asText()).isEqualTo("neurostream run");
        assertThat(info.get("classes").toString()).isEqualTo("[\"T1\",\"T2\"]");
        List<JsonNode> signals = DashboardClient.named(events, "signal");
        assertThat(signals).anyMatch(s -> s.get("filtered").asBoolean())
                .anyMatch(s -> !s.get("filtered").asBoolean());
        List<JsonNode> predictions = DashboardClient.named(events, "prediction");
        assertThat(predictions).hasSize(result.predictions().size()).isNotEmpty();
        for (int i = 0; i < predictions.size(); i++) {
            JsonNode p = predictions.get(i);
            var expected = result.predictions().get(i);
            assertThat(p.get("trial").asLong()).isEqualTo(expected.trial());
            assertThat(p.get("predicted").asText()).isEqualTo(expected.predicted());
            assertThat(p.get("label").asText()).isEqualTo(expected.actual());
            assertThat(p.get("correct").asBoolean()).isEqualTo(expected.correct());
            assertThat(p.get("accuracy").asDouble()).isEqualTo(expected.runningAccuracy());
            double p1 = p.get("probabilities").get("T1").asDouble();
            double p2 = p.get("probabilities").get("T2").asDouble();
            assertThat(p1 + p2).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(p2 > 0.5).isEqualTo(expected.score() > 0);
        }
        List<JsonNode> bandPower = DashboardClient.named(events, "bandpower");
        assertThat(bandPower).isNotEmpty();
        assertThat(bandPower.get(0).get("bandHz").get(1).asDouble()).isEqualTo(job.pipeline().spec().highHz());
    }
}
