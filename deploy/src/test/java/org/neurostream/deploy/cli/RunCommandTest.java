package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.deploy.online.PredictionLines;
import org.neurostream.operators.online.Prediction;

class RunCommandTest {
    private static final Path EEG = CliRun.testData("eeg/eegmmidb_S001");
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void calibrate() {
        model = dir.resolve("hands-feet.json");
        CliRun c = CliRun.of("calibrate", EEG.resolve("S001R06.edf").toString(), "--classes", "T1,T2",
                "--pipeline", "csp-lda", "--out", model.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
    }

    @Test
    void runPredictsEveryCueOfTheRecordingOnceAndCommitsThePredictions() throws Exception {
        Path out = dir.resolve("run1");
        CliRun r = CliRun.of("run", "--source", "file:" + EEG.resolve("S001R10.edf"), "--model", model.toString(),
                "--adapt", "lda", "--out", out.toString(), "--json", "--checkpoint-interval", "200");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> printed = r.out().lines().filter(l -> l.startsWith("{")).toList();
        // S001R10 has 15 cues (T1 or T2) whose windows fit the recording.
        assertThat(printed).hasSize(15);
        List<Prediction> committed = OnlineJob.committedPredictions(out.resolve("predictions"));
        assertThat(committed).extracting(Prediction::toDeterministicJson)
                .containsExactlyElementsOf(PredictionLines.parseAll(printed, "stdout").stream()
                        .map(Prediction::toDeterministicJson).toList());
        assertThat(committed).extracting(Prediction::trial).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L,
                11L, 12L, 13L, 14L, 15L);
        assertThat(committed.get(14).trialsLearned()).isEqualTo(15);
        assertThat(committed).allSatisfy(p -> assertThat(p.sessionKey()).isEqualTo("S001"));
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.get(0).get("trials").asInt()).isEqualTo(15);
        assertThat(Files.size(out.resolve("accuracy.png"))).isGreaterThan(1000);
    }

    @Test
    void malformedYamlNamesTheKeyAndLine() throws Exception {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "sources: [file:x.edf]\nmodel: m.json\nadapt: lda\nforgeting-factor: 0.9\n");
        CliRun r = CliRun.of("run", yaml.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("line 4").contains("unknown key 'forgeting-factor'");

        Files.writeString(yaml, "sources: [file:x.edf]\nmodel: m.json\nspeed: fast\n");
        r = CliRun.of("run", yaml.toString());
        assertThat(r.err()).contains("line 3").contains("'speed' must be a number");

        Files.writeString(yaml, "sources: [file:x.edf]\nmodel: m.json\nadapt: lda\ngain-time-constant: -5\n");
        r = CliRun.of("run", yaml.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("line 4").contains("gainTimeConstantSeconds").contains("-5.0");
    }

    @Test
    void aNegativeGainTimeConstantIsRejectedNamingIt() {
        CliRun r = CliRun.of("run", "--source", "file:" + EEG.resolve("S001R10.edf"), "--model", model.toString(),
                "--adapt", "lda", "--gain-time-constant", "-1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("gainTimeConstantSeconds").contains("-1.0");
    }
}
