package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.bci.pipeline.PipelineJson;

/** Which runs adapt the channel gains: adaptive learners with a model that holds the calibration's channel power. */
class OnlineJobGainReferenceTest {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    private static final Path MODEL = DATA.resolve("models").resolve("S001R06-hands-feet-csp-lda.json");

    @TempDir
    Path dir;

    private OnlineJob job(Path model, Adaptation adaptation) throws Exception {
        return new OnlineJob(new RunSpec(List.of("file:" + DATA.resolve("eeg/eegmmidb_S001/S001R10.edf")), model,
                adaptation, false, false, null, dir.resolve("out"), Double.POSITIVE_INFINITY,
                RunSpec.DEFAULT_CHUNK_SAMPLES, null, 0, null, false, false));
    }

    @Test
    void adaptiveLearnersAdaptTheGainsTowardsTheModelsChannelPowerAndTheStaticModelDoesNot() throws Exception {
        Pipeline model = PipelineJson.load(MODEL);
        assertThat(model.channelPower()).isNotNull();
        for (Adaptation.Kind kind : Adaptation.Kind.values()) {
            double[] reference = job(MODEL, Adaptation.defaults(kind)).gainReference();
            if (kind == Adaptation.Kind.NONE) {
                assertThat(reference).as(kind.text()).isNull();
            } else {
                assertThat(reference).as(kind.text()).containsExactly(model.channelPower().meanSquare());
            }
        }
        assertThat(job(MODEL, Adaptation.defaults(Adaptation.Kind.LDA).withGainTimeConstant(0)).gainReference())
                .isNull();
    }

    @Test
    void aModelFileOfFormatVersion1StillRunsWithoutGainAdaptation() throws Exception {
        String json = Files.readString(MODEL);
        int at = json.indexOf(",\n  \"channelPower\"");
        assertThat(at).isPositive();
        String v1 = json.substring(0, at).replace("\"version\" : 2", "\"version\" : 1") + "\n}";
        Path old = dir.resolve("v1.json");
        Files.writeString(old, v1);
        OnlineJob job = job(old, Adaptation.defaults(Adaptation.Kind.LDA));
        assertThat(job.pipeline().channelPower()).isNull();
        assertThat(job.gainReference()).isNull();
    }
}
