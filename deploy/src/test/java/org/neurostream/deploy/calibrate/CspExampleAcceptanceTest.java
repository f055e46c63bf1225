package org.neurostream.deploy.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.classify.LdaParams;
import org.neurostream.bci.classify.Shrinkage;
import org.neurostream.bci.evaluate.CrossValidation;
import org.neurostream.bci.pipeline.CspFeatures;
import org.neurostream.bci.pipeline.PipelineSpec;
import org.neurostream.bci.spatial.CspParams;

/**
 * MNE's CSP example recreated end to end from the EDF files: eegmmidb S001 runs 6, 10, 14 read by neurostream's EDF
 * reader, MNE's default FIR 7–30 Hz, epochs 1–2 s after T1/T2, CSP 4 + LDA, ShuffleSplit(10, 20 %, 42). The
 * accuracy must be within 0.03 of what MNE gives (test-data/scripts/bci_ml_golden.py).
 */
class CspExampleAcceptanceTest {
    private static final Path TEST_DATA = Path.of(System.getProperty("neurostream.test.data", "../test-data"));

    private static double mneAccuracy() throws Exception {
        return new ObjectMapper().readTree(TEST_DATA.resolve("golden/bci-ml/index.json").toFile())
                .path("scalars").path("mi_cv_accuracy").asDouble();
    }

    private static LabeledEpochs epochs() throws Exception {
        Path dir = TEST_DATA.resolve("eeg/eegmmidb_S001");
        return RecordingEpochs.read(List.of(dir.resolve("S001R06.edf"), dir.resolve("S001R10.edf"),
                dir.resolve("S001R14.edf")), List.of("T1", "T2"), 7.0, 30.0, 1.0, 2.0);
    }

    @Test
    void cspLdaAccuracyIsWithin003OfMne() throws Exception {
        LabeledEpochs data = epochs();
        assertThat(data.x()).hasNumberOfRows(45);
        assertThat(data.x()[0]).hasNumberOfRows(64);
        assertThat(data.x()[0][0]).hasSize(161);
        PipelineSpec mneLike = new PipelineSpec("csp-lda", 7, 30, 1, 2, new CspFeatures(CspParams.defaults(4)),
                new LdaParams(Shrinkage.none(), null));
        CrossValidation.Report r = Calibration.crossValidate(mneLike, data, Calibration.splits("shuffle", data), null);
        double mne = mneAccuracy();
        assertThat(mne).isBetween(0.9, 0.96);
        assertThat(r.accuracy()).isCloseTo(mne, within(0.03));
        assertThat(r.chanceLevel()).isCloseTo(0.533, within(0.001));

        CrossValidation.Report shrink = Calibration.crossValidate(PipelineSpec.named("csp-lda"), data,
                Calibration.splits("shuffle", data), null);
        assertThat(shrink.accuracy()).isCloseTo(mne, within(0.03));
    }
}
