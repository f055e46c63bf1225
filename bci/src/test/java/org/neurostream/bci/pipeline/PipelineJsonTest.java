package org.neurostream.bci.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.Golden;

class PipelineJsonTest {
    private static final double[][][] X = Arrays.stream(Golden.cube("mi_epochs")).map(e -> Arrays.copyOf(e, 16))
            .toArray(double[][][]::new);
    private static final int[] Y = Golden.ints("mi_labels");
    private static final List<String> CHANNELS = IntStream.range(0, 16).mapToObj(i -> "ch" + i).toList();

    @TempDir
    Path dir;

    private Pipeline fit(String name) {
        return PipelineSpec.named(name).fit(X, Y, CHANNELS, 160, List.of("T1", "T2"));
    }

    @Test
    void everyNamedPipelinePredictsIdenticallyAfterReload() throws Exception {
        for (String name : PipelineSpec.NAMES) {
            Pipeline p = fit(name);
            Path file = dir.resolve(name + ".json");
            PipelineJson.save(p, file);
            Pipeline q = PipelineJson.load(file);
            assertThat(q.predict(X)).as(name).containsExactly(p.predict(X));
            assertThat(q.decisionFunction(X)).as(name).isDeepEqualTo(p.decisionFunction(X));
            assertThat(q.channels()).isEqualTo(CHANNELS);
            assertThat(q.classNames()).containsExactly("T1", "T2");
            assertThat(PipelineJson.toJson(q)).as(name).isEqualTo(PipelineJson.toJson(p));
        }
    }

    @Test
    void otherChannelsOrRateFailNamingBoth() {
        Pipeline p = fit("csp-lda");
        List<String> other = CHANNELS.subList(0, 8);
        assertThatThrownBy(() -> p.checkCompatible(other, 160, "run.edf"))
                .hasMessageContaining("calibrated on 16 channels").hasMessageContaining("run.edf has 8 channels");
        assertThatThrownBy(() -> p.checkCompatible(CHANNELS, 250, "run.edf"))
                .hasMessageContaining("calibrated at 160.0 Hz").hasMessageContaining("sampled at 250.0 Hz");
    }

    @Test
    void unknownVersionAndMissingKeysAreClearErrors() throws Exception {
        String json = PipelineJson.toJson(fit("ts-lr"));
        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, json.replace("\"version\" : 1", "\"version\" : 2"));
        assertThatThrownBy(() -> PipelineJson.load(v2)).isInstanceOf(PipelineFormatException.class)
                .hasMessageContaining("v2.json").hasMessageContaining("unsupported pipeline format version 2")
                .hasMessageContaining("reads version 1");
        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, json.replace("\"reference\"", "\"referenc\""));
        assertThatThrownBy(() -> PipelineJson.load(missing)).hasMessageContaining("missing.json")
                .hasMessageContaining("features.model").hasMessageContaining("missing required key 'reference'");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, json.substring(0, 100));
        assertThatThrownBy(() -> PipelineJson.load(broken)).hasMessageContaining("not valid JSON");
    }

    @Test
    void unknownPipelineNameListsTheChoices() {
        assertThatThrownBy(() -> PipelineSpec.named("svm")).hasMessageContaining("'pipeline'")
                .hasMessageContaining("'csp-lda'").hasMessageContaining("but got 'svm'");
    }
}
