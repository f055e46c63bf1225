package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.lsl.PylslPeer;

/** {@code neurostream record} against pylsl outlets, checked by loading the file with pyxdf. */
class RecordCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void recordingAPylslOutletGivesPyxdfTheSameSamplesTimestampsAndChannels() throws Exception {
        String eeg = PylslPeer.uniqueId("rec-eeg");
        String markers = PylslPeer.uniqueId("rec-mrk");
        Path out = dir.resolve("session.xdf");
        try (PylslPeer eegPeer = PylslPeer.start("outlet", "--name", eeg, "--type", "EEG", "--source-id", eeg,
                "--channels", "4", "--rate", "200", "--samples", "400", "--chunk", "16",
                "--labels", "Fz,Cz,Pz,Oz", "--units", "microvolts,microvolts,microvolts,microvolts",
                "--types", "EEG,EEG,EEG,EEG", "--wait-consumer", "20");
             PylslPeer markerPeer = PylslPeer.start("outlet", "--name", markers, "--type", "Markers",
                     "--source-id", markers, "--channels", "1", "--rate", "0", "--format", "string",
                     "--samples", "12", "--chunk", "1", "--wait-consumer", "20")) {
            eegPeer.awaitLine("OUTLET", WAIT);
            markerPeer.awaitLine("OUTLET", WAIT);
            CliRun run = CliRun.of("record", "--stream", "source_id=" + eeg, "--stream",
                    "source_id='" + markers + "'", "--out", out.toString(), "--duration", "4",
                    "--resolve-wait", "2");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("recorded 412 samples from 2 streams");
            JsonNode pushedEeg = eegPeer.awaitJson(WAIT);
            JsonNode pushedMarkers = markerPeer.awaitJson(WAIT);

            JsonNode file = pyxdf(out, "--no-sync", "--no-dejitter");
            JsonNode recordedEeg = stream(file, eeg);
            JsonNode recordedMarkers = stream(file, markers);
            assertThat(recordedEeg.get("type").asText()).isEqualTo("EEG");
            assertThat(recordedEeg.get("nominal_srate").asDouble()).isEqualTo(200.0);
            assertThat(recordedEeg.get("channel_format").asText()).isEqualTo("float32");
            assertThat(recordedEeg.get("channels").get(2).get("label").asText()).isEqualTo("Pz");
            assertThat(recordedEeg.get("channels").get(2).get("unit").asText()).isEqualTo("microvolts");
            assertThat(recordedEeg.get("time_stamps")).hasSize(400);
            for (int s = 0; s < 400; s++) {
                assertThat(recordedEeg.get("time_stamps").get(s).asDouble())
                        .isEqualTo(pushedEeg.get("timestamps").get(s).asDouble());
                for (int c = 0; c < 4; c++) {
                    assertThat(recordedEeg.get("time_series").get(c).get(s).asDouble())
                            .isEqualTo(pushedEeg.get("samples").get(s).get(c).asDouble());
                }
            }
            assertThat(recordedMarkers.get("time_stamps")).hasSize(12);
            for (int s = 0; s < 12; s++) {
                assertThat(recordedMarkers.get("time_series").get(0).get(s).asText()).isEqualTo("m" + s);
                assertThat(recordedMarkers.get("time_stamps").get(s).asDouble())
                        .isEqualTo(pushedMarkers.get("timestamps").get(s).asDouble());
            }
            JsonNode clockTimes = recordedEeg.get("clock_times");
            assertThat(clockTimes.size()).isGreaterThanOrEqualTo(2);
            for (int i = 1; i < clockTimes.size(); i++) {
                // distinct, increasing collection times: what a reader's clock-offset fit needs
                assertThat(clockTimes.get(i).asDouble()).isGreaterThan(clockTimes.get(i - 1).asDouble());
            }
            assertThat(recordedEeg.get("footer").get("sample_count").asInt()).isEqualTo(400);

            // with pyxdf's default clock synchronization the loopback offsets are (near) zero
            JsonNode synced = stream(pyxdf(out), eeg);
            assertThat(synced.get("time_stamps").get(0).asDouble())
                    .isCloseTo(pushedEeg.get("timestamps").get(0).asDouble(), org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void aSelectorThatMatchesNothingFailsWithItsName() {
        CliRun run = CliRun.of("record", "--stream", "name=" + PylslPeer.uniqueId("nobody"), "--out",
                dir.resolve("x.xdf").toString(), "--duration", "1", "--resolve-wait", "0.3");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No LSL stream matches \"name='nobody-");
    }

    static JsonNode pyxdf(Path file, String... flags) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("python3",
                PylslPeer.script().resolveSibling("xdf_load.py").toString(), file.toString()));
        command.addAll(java.util.List.of(flags));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] json = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("xdf_load.py exit code").isZero();
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .readTree(new String(json, StandardCharsets.UTF_8));
    }

    static JsonNode stream(JsonNode file, String name) {
        for (JsonNode s : file.get("streams")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("No stream named " + name + " in " + file.get("streams").size() + " streams");
    }
}
