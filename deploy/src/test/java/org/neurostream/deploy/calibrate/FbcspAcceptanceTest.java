package org.neurostream.deploy.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.evaluate.CrossValidation;
import org.neurostream.bci.pipeline.PipelineSpec;

/**
 * fbcsp-lda on MNE's CSP example data (eegmmidb S001 runs 6, 10, 14, hands vs feet) through the calibrate command's
 * glue: EDF reader, MNE FIR 4–40 Hz, epochs 1–2 s, ShuffleSplit(10, 20 %, 42). Before the classifier was trained on
 * out-of-fold CSP features it scored 0.489 here (ROC-AUC 0.85).
 */
class FbcspAcceptanceTest {
    private static final Path TEST_DATA = Path.of(System.getProperty("neurostream.test.data", "../test-data"));

    @Test
    void fbcspLdaIsWellAboveChanceOnCspExampleRuns() throws Exception {
        PipelineSpec spec = PipelineSpec.named("fbcsp-lda");
        Path dir = TEST_DATA.resolve("eeg/eegmmidb_S001");
        LabeledEpochs data = RecordingEpochs.read(List.of(dir.resolve("S001R06.edf"), dir.resolve("S001R10.edf"),
                dir.resolve("S001R14.edf")), List.of("T1", "T2"), spec.lowHz(), spec.highHz(), spec.tminSeconds(),
                spec.tmaxSeconds());
        CrossValidation.Report r = Calibration.crossValidate(spec, data, Calibration.splits("shuffle", data), null);
        System.out.println("fbcsp-lda shuffle accuracy " + r.accuracy() + " ROC-AUC " + r.rocAuc());
        assertThat(r.accuracy()).isGreaterThanOrEqualTo(0.85);
    }
}
