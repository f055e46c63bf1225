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
    void channelPowerIsSavedAndAVersion1FileWithoutItStillLoads() throws Exception {
        double[] ms = IntStream.range(0, 16).mapToDouble(c -> 1.5 + c).toArray();
        Pipeline p = fit("csp-lda").withChannelPower(new ChannelPower(4, ms, 124.5));
        Path file = dir.resolve("with-power.json");
        PipelineJson.save(p, file);
        Pipeline q = PipelineJson.load(file);
        assertThat(q.formatVersion()).isEqualTo(2);
        assertThat(q.channelPower()).isEqualTo(p.channelPower());
        assertThat(q.channelPower().meanSquare()).containsExactly(ms);
        assertThat(q.channelPower().matchesOnlineFilter()).isTrue();

        // A file of format version 1 (before channel power): loads, predicts the same, and has no reference.
        String v1 = PipelineJson.toJson(fit("csp-lda")).replace("\"version\" : 2", "\"version\" : 1");
        Path old = dir.resolve("v1.json");
        Files.writeString(old, v1);
        Pipeline o = PipelineJson.load(old);
        assertThat(o.channelPower()).isNull();
        assertThat(o.formatVersion()).isEqualTo(1);
        assertThat(o.predict(X)).containsExactly(p.predict(X));

        Path wrong = dir.resolve("wrong-power.json");
        Files.writeString(wrong, PipelineJson.toJson(p).replace("\"meanSquare\" : [ 1.5,", "\"meanSquare\" : ["));
        assertThatThrownBy(() -> PipelineJson.load(wrong)).isInstanceOf(PipelineFormatException.class)
                .hasMessageContaining("wrong-power.json").hasMessageContaining("channelPower.meanSquare")
                .hasMessageContaining("15 values for 16 channels");
        Path negative = dir.resolve("negative-power.json");
        Files.writeString(negative, PipelineJson.toJson(p).replace("\"meanSquare\" : [ 1.5,",
                "\"meanSquare\" : [ -1.5,"));
        assertThatThrownBy(() -> PipelineJson.load(negative)).hasMessageContaining("negative-power.json")
                .hasMessageContaining("channel 0 is -1.5");
    }

    @Test
    void channelPowerIsTheMeanSquareThroughTheOnlineBandPassOverAllRecordings() {
        int n = 800;
        double[] a = new double[2 * n];
        double[] b = new double[2 * n];
        java.util.Random rng = new java.util.Random(5);
        for (int i = 0; i < a.length; i++) {
            a[i] = 40 + 10 * rng.nextGaussian(); // DC offset: removed by the band-pass, not counted as power
            b[i] = 3 * rng.nextGaussian();
        }
        var design = org.neurostream.bci.filter.OnlineBandPass.design(160, 7, 30);
        ChannelPower both = new ChannelPower.Measurement(design, 2).add(a).add(b).result();
        double[] fa = org.neurostream.bci.filter.OnlineBandPass.filterRecording(design, a, 2);
        double[] fb = org.neurostream.bci.filter.OnlineBandPass.filterRecording(design, b, 2);
        for (int c = 0; c < 2; c++) {
            double s = 0;
            for (int i = c * n; i < (c + 1) * n; i++) {
                s += fa[i] * fa[i] + fb[i] * fb[i];
            }
            assertThat(both.meanSquare()[c]).isCloseTo(s / (2 * n), org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(both.seconds()).isEqualTo(2 * n / 160.0);
        // Linear in the gain: a channel scaled by k has k² the power.
        double[] scaled = a.clone();
        for (int i = 0; i < n; i++) {
            scaled[i] *= 2;
        }
        ChannelPower one = new ChannelPower.Measurement(design, 2).add(a).result();
        ChannelPower twice = new ChannelPower.Measurement(design, 2).add(scaled).result();
        assertThat(twice.meanSquare()[0] / one.meanSquare()[0]).isCloseTo(4.0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(twice.meanSquare()[1]).isEqualTo(one.meanSquare()[1]);
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
        Path v3 = dir.resolve("v3.json");
        Files.writeString(v3, json.replace("\"version\" : 2", "\"version\" : 3"));
        assertThatThrownBy(() -> PipelineJson.load(v3)).isInstanceOf(PipelineFormatException.class)
                .hasMessageContaining("v3.json").hasMessageContaining("unsupported pipeline format version 3")
                .hasMessageContaining("reads versions 1 to 2");
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
