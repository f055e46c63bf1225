package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    private static final Path EDF = CliRun.testData("eeg/S001R04.edf");

    /** MNE's view of the same file, written by test-data/scripts/edf_golden.py. */
    private static JsonNode mne() throws IOException {
        return new ObjectMapper().readTree(CliRun.testData("golden/edf/S001R04.json").toFile());
    }

    private static JsonNode stream(JsonNode report, String key) {
        for (JsonNode s : report.get("streams")) {
            if (s.get("streamKey").asText().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("No stream " + key + " in " + report);
    }

    @Test
    void jsonReportOfTheEdfFileAgreesWithMne() throws IOException {
        CliRun run = CliRun.of("inspect", "--json", EDF.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        JsonNode mne = mne();
        assertThat(report.get("format").asText()).isEqualTo("EDF+");

        JsonNode eeg = stream(report, "S001R04.edf#eeg");
        int nTimes = mne.get("n_times").asInt();
        double rate = mne.get("sfreq").asDouble();
        assertThat(eeg.get("channelCount").asInt()).isEqualTo(mne.get("ch_names").size());
        List<String> labels = new ArrayList<>();
        eeg.get("channels").forEach(c -> labels.add(c.get("label").asText()));
        List<String> mneLabels = new ArrayList<>();
        mne.get("ch_names").forEach(c -> mneLabels.add(c.asText()));
        assertThat(labels).isEqualTo(mneLabels);
        assertThat(eeg.get("channels").get(0).get("unit").asText()).isNotEmpty();
        assertThat(eeg.get("sampleCount").asLong()).isEqualTo(nTimes);
        assertThat(eeg.get("nominalRateHz").asDouble()).isEqualTo(rate);
        assertThat(eeg.get("observedRateHz").asDouble()).isCloseTo(rate, within(1e-9));
        assertThat(eeg.get("firstTimestampSeconds").asDouble()).isEqualTo(0.0);
        assertThat(eeg.get("lastTimestampSeconds").asDouble()).isCloseTo((nTimes - 1) / rate, within(1e-9));
        assertThat(eeg.get("clockOffsets").get("count").asInt()).isZero();
        assertThat(eeg.get("clockOffsets").get("minOffsetSeconds").isNull()).isTrue();

        JsonNode annotations = stream(report, "S001R04.edf#annotations");
        JsonNode onsets = mne.get("annotations").get("onset");
        assertThat(annotations.get("markerCount").asInt()).isEqualTo(onsets.size());
        assertThat(annotations.get("sampleCount").asInt()).isZero();
        assertThat(annotations.get("lastTimestampSeconds").asDouble())
                .isCloseTo(onsets.get(onsets.size() - 1).asDouble(), within(1e-9));
        assertThat(report.get("problems").isArray()).isTrue();
    }

    @Test
    void humanOutputShowsAlignedTablesOfStreamsAndChannels() {
        CliRun run = CliRun.of("inspect", EDF.toString());
        assertThat(run.exitCode()).isZero();
        List<String> lines = Arrays.asList(run.out().split("\n"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("Stream ")).findFirst().orElseThrow());
        String eegRow = lines.get(header + 1);
        String markerRow = lines.get(header + 2);
        assertThat(eegRow).startsWith("S001R04.edf#eeg").contains("20,000");
        assertThat(markerRow).startsWith("S001R04.edf#annotations").contains("irregular");
        // Right-aligned numeric columns end at the same position as their header.
        int samplesEnd = lines.get(header).indexOf("Samples") + "Samples".length();
        assertThat(eegRow.substring(0, samplesEnd)).endsWith("20,000");
        assertThat(run.out()).contains("Channels of S001R04.edf#eeg").contains("Problems:");
    }

    @Test
    void truncatedFileNamesFileAndByteOffsetAndExitsNonZero(@TempDir Path dir) throws IOException {
        Path truncated = dir.resolve("truncated.edf");
        byte[] whole = Files.readAllBytes(EDF);
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));

        CliRun run = CliRun.of("inspect", "--json", truncated.toString());
        assertThat(run.exitCode()).isEqualTo(InspectCommand.EXIT_BROKEN);
        JsonNode doc = run.json();
        assertThat(doc.get("file").asText()).isEqualTo(truncated.toString());
        assertThat(doc.get("error").get("byteOffset").asLong()).isPositive();
        assertThat(doc.get("error").get("problem").asText()).isNotBlank();

        CliRun human = CliRun.of("inspect", truncated.toString());
        assertThat(human.exitCode()).isEqualTo(InspectCommand.EXIT_BROKEN);
        assertThat(human.err()).contains(truncated.toString()).contains("at byte ");
    }

    @Test
    void unknownFormatIsReportedAtByteZero(@TempDir Path dir) throws IOException {
        Path notARecording = dir.resolve("notes.txt");
        Files.writeString(notARecording, "hello, this is not EEG");
        CliRun run = CliRun.of("inspect", "--json", notARecording.toString());
        assertThat(run.exitCode()).isEqualTo(InspectCommand.EXIT_BROKEN);
        assertThat(run.json().get("error").get("byteOffset").asLong()).isZero();
    }
}
