package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.deploy.cli.RunCommand;
import picocli.CommandLine;

/** Keys a pipeline file may leave out, and the learner the README's main job runs. */
class RunYamlTest {
    private static final Path REPO = Path.of(System.getProperty("neurostream.test.data", "../test-data")).getParent();

    @Test
    void withoutAdaptAPipelineFileAndTheCommandLineRunTheSameDefaultLearnerLr(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("p.yaml");
        Files.writeString(yaml, "sources: [file:x.edf]\nmodel: m.json\n");

        assertThat(RunYaml.read(yaml).adaptation().kind()).isEqualTo(Adaptation.Kind.LR);
        assertThat(new CommandLine(new RunCommand()).getCommandSpec().findOption("--adapt").defaultValue())
                .isEqualTo(Adaptation.Kind.LR.text());
    }

    @Test
    void theReadmeMainJobRunsTheDefaultLearnerGuardedByItsCalibration() throws Exception {
        RunSpec spec = RunYaml.read(REPO.resolve("examples/hands-feet.yaml"));

        assertThat(spec.adaptation().kind().text()).isEqualTo(Adaptation.DEFAULT_KIND_NAME);
        assertThat(spec.fromScratch()).isFalse();
    }
}
