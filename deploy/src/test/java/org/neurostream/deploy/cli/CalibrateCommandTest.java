package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.bci.pipeline.PipelineJson;
import picocli.CommandLine;

class CalibrateCommandTest {
    private static final Path EEG = Path.of(System.getProperty("neurostream.test.data", "../test-data"), "eeg",
            "eegmmidb_S001");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = NeurostreamCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void tangentSpaceCalibrationByRunPrintsJsonScoresSavesModelAndReport() throws Exception {
        Path model = dir.resolve("ts.json");
        Path report = dir.resolve("report");
        Run r = run("calibrate", EEG.resolve("S001R06.edf").toString(), EEG.resolve("S001R10.edf").toString(),
                EEG.resolve("S001R14.edf").toString(), "--classes", "T1,T2", "--pipeline", "ts-lr", "--cv", "runs",
                "--json", "--out", model.toString(), "--report", report.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode scores = new ObjectMapper().readTree(r.out());
        assertThat(scores.path("foldAccuracy")).hasSize(3);
        assertThat(scores.path("epochs").asInt()).isEqualTo(45);
        assertThat(scores.path("chanceLevel").asDouble()).isBetween(0.53, 0.54);
        assertThat(scores.path("accuracy").asDouble()).isGreaterThan(scores.path("chanceLevel").asDouble());
        Pipeline p = PipelineJson.load(model);
        assertThat(p.channels()).hasSize(64).startsWith("Fc5.");
        assertThat(p.sampleRateHz()).isEqualTo(160.0);
        assertThat(Files.readString(report.resolve("index.html"))).contains("ts-lr").contains("Chance level");
        assertThat(report.resolve("r2-map.png")).isNotEmptyFile();
        assertThat(report.resolve("class-psd.png")).isNotEmptyFile();
        assertThat(report.resolve("confusion.png")).isNotEmptyFile();
    }

    @Test
    void unknownPipelineAndMissingClassesAreReported() {
        Run r = run("calibrate", EEG.resolve("S001R06.edf").toString(), "--classes", "T1,T2", "--pipeline", "svm",
                "--out", dir.resolve("m.json").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("Invalid value for the 'pipeline' parameter").contains("'svm'");
        Run none = run("calibrate", EEG.resolve("S001R06.edf").toString(), "--classes", "left,right", "--out",
                dir.resolve("m.json").toString());
        assertThat(none.exit()).isNotZero();
        assertThat(none.err()).contains("S001R06.edf").contains("no marker named [left, right]");
    }
}
