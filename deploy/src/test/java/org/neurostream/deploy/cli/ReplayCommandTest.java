package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.Recordings;

class ReplayCommandTest {
    private static final Path EDF = CliRun.testData("eeg/S001R04.edf");

    private static JsonNode stream(JsonNode summary, String key) {
        for (JsonNode s : summary.get("streams")) {
            if (s.get("streamKey").asText().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("No stream " + key + " in " + summary);
    }

    private static void assertSummaryMatchesRecording(JsonNode summary, Recording recording) {
        for (RecordedStream rs : recording.streams()) {
            JsonNode s = stream(summary, rs.description().streamKey());
            int n = rs.sampleCount();
            if (rs.isMarkerStream()) {
                assertThat(s.get("markers").asLong()).isEqualTo(n);
                assertThat(s.get("samples").asLong()).isZero();
            } else {
                assertThat(s.get("samples").asLong()).isEqualTo(n);
                assertThat(s.get("channels").asInt()).isEqualTo(rs.description().channelCount());
                assertThat(s.get("nominalRateHz").asDouble()).isEqualTo(rs.description().nominalRateHz());
                double duration = rs.timestampsSeconds()[n - 1] - rs.timestampsSeconds()[0];
                assertThat(s.get("observedRateHz").asDouble()).isCloseTo((n - 1) / duration, within(1e-9));
            }
            assertThat(s.get("firstTimestampSeconds").asDouble()).isEqualTo(rs.timestampsSeconds()[0]);
            assertThat(s.get("lastTimestampSeconds").asDouble()).isEqualTo(rs.timestampsSeconds()[n - 1]);
        }
    }

    @Test
    void jsonSummaryCountsEverySampleAndMarkerOfTheEdfFile() throws IOException {
        CliRun run = CliRun.of("replay", "--json", EDF.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.json();
        assertSummaryMatchesRecording(summary, Recordings.read(EDF));
        JsonNode eeg = stream(summary, "S001R04.edf#eeg");
        assertThat(eeg.get("gaps").asLong()).isZero();
        assertThat(summary.get("errors")).isEmpty();
        assertThat(summary.get("channelSamples").asLong()).isEqualTo(64L * 20_000L);
        assertThat(summary.get("channelSamplesPerSecond").asDouble()).isPositive();
    }

    @Test
    void summaryIsTheSameForSmallChunksAndTwoReaders() throws IOException {
        JsonNode reference = CliRun.of("replay", "--json", EDF.toString()).json();
        JsonNode other = CliRun.of("replay", "--json", "--chunk-samples", "7", "--parallelism", "2",
                EDF.toString()).json();
        assertThat(other.get("streams")).isEqualTo(reference.get("streams"));
        assertThat(other.get("chunkSamples").asInt()).isEqualTo(7);
    }

    @Test
    void brokenFileIsListedAndTheHealthyFileStillReplays(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.edf");
        byte[] whole = Files.readAllBytes(EDF);
        byte[] header = Arrays.copyOf(whole, 256);
        Files.write(broken, header);

        CliRun run = CliRun.of("replay", "--json", broken.toString(), EDF.toString());
        assertThat(run.exitCode()).isEqualTo(ReplayCommand.EXIT_SOME_FILES_BROKEN);
        JsonNode summary = run.json();
        assertThat(summary.get("errors")).hasSize(1);
        assertThat(summary.get("errors").get(0).get("error").asText()).contains(broken.toString())
                .contains("at byte ");
        assertSummaryMatchesRecording(summary, Recordings.read(EDF));
    }

    @Test
    void withTheDashboardABrokenFileIsStillListedWithItsErrorAndTheHealthyFileStillReplays(@TempDir Path dir)
            throws IOException {
        Path broken = dir.resolve("broken.edf");
        byte[] whole = Files.readAllBytes(EDF);
        Files.write(broken, Arrays.copyOf(whole, whole.length / 2));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }

        CliRun run = CliRun.of("replay", "--json", "--ui", "127.0.0.1:" + port, broken.toString(), EDF.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ReplayCommand.EXIT_SOME_FILES_BROKEN);
        JsonNode summary = run.json();
        assertThat(summary.get("errors")).hasSize(1);
        assertThat(summary.get("errors").get(0).get("error").asText()).contains(broken.toString())
                .contains("at byte ").contains("truncated");
        assertSummaryMatchesRecording(summary, Recordings.read(EDF));
    }

    @Test
    void humanOutputIsAnAlignedTableWithThroughput() {
        CliRun run = CliRun.of("replay", "--speed", "1000", EDF.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("real time x 1000.0").contains("S001R04.edf#eeg")
                .contains("Throughput: 1,280,000 channel-samples");
    }

    @Test
    void invalidOptionsAndMissingFilesAreUsageErrors() {
        CliRun speed = CliRun.of("replay", "--speed", "0", EDF.toString());
        assertThat(speed.exitCode()).isEqualTo(2);
        assertThat(speed.err()).contains("--speed").contains("but got 0.0");
        CliRun missing = CliRun.of("replay", "no/such/file.xdf");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no/such/file.xdf").contains("does not exist");
    }

    @Test
    void withTheDashboardTheDefaultChunkIsATenthOfASecondOfTheFastestStream() {
        // PhysioNet EDF: 64 channels at 160 Hz and an annotation stream
        assertThat(ReplayCommand.uiChunkSamples(List.of(EDF))).isEqualTo(16);
    }
}
