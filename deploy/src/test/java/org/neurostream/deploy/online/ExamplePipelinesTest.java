package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.pipeline.PipelineJson;

/** The README's main job ({@code bin/neurostream run examples/hands-feet.yaml}) names files that exist and fit. */
class ExamplePipelinesTest {
    private static final Path REPO = Path.of(System.getProperty("neurostream.test.data", "../test-data")).getParent();

    @Test
    void readmeMainJobPipelineReadsAndNamesShippedRecordingsAndAShippedModel() throws Exception {
        RunSpec spec = RunYaml.read(REPO.resolve("examples/hands-feet.yaml"));

        assertThat(spec.files()).hasSize(2).allSatisfy(f -> assertThat(f).isRegularFile());
        assertThat(spec.model()).isRegularFile();
        assertThat(PipelineJson.load(spec.model()).channels()).hasSize(64);
    }
}
