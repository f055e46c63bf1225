package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.online.Adaptation;

/**
 * The acceptance experiment at test scale: hands vs feet of eegmmidb S001 (calibrate R06, stream R10 then R14) with
 * the labels swapped in R14. The static model keeps its old mapping and fails after the shift; adaptive LDA, guarded by
 * the calibrated model, predicts as the static model before the shift and relearns after it.
 */
class OnlineAcceptanceTest {
    private static final Path EEG = Path.of(System.getProperty("neurostream.test.data"), "eeg", "eegmmidb_S001");

    @TempDir
    static Path work;
    static Path model;

    @BeforeAll
    static void calibrate() throws Exception {
        model = work.resolve("hands-feet.json");
        OnlineAcceptance.calibrate(EEG, OnlineAcceptance.HANDS_FEET, model);
    }

    @Test
    void adaptiveLdaRecoversFromSwappedLabelsWhereTheStaticModelCannot() throws Exception {
        OnlineAcceptance.Outcome fixed = OnlineAcceptance.run(EEG, OnlineAcceptance.HANDS_FEET, model,
                Adaptation.Kind.NONE, ConceptShift.Kind.SWAPPED_LABELS, work);
        OnlineAcceptance.Outcome adaptive = OnlineAcceptance.run(EEG, OnlineAcceptance.HANDS_FEET, model,
                Adaptation.Kind.LDA, ConceptShift.Kind.SWAPPED_LABELS, work);
        assertThat(fixed.predictions()).hasSize(30);
        assertThat(adaptive.predictions()).hasSize(30);
        assertThat(adaptive.shiftedFrom()).isEqualTo(15);
        // Before the shift both see the same data: adaptation must not do worse than the static model. The guard keeps
        // the calibrated model's decisions while the adaptive expert is not better (here: on every trial of R10).
        assertThat(adaptive.predictions().subList(0, 15)).extracting(p -> p.predicted())
                .containsExactlyElementsOf(fixed.predictions().subList(0, 15).stream().map(p -> p.predicted()).toList());
        assertThat(adaptive.afterShift()).isGreaterThan(fixed.afterShift());
        assertThat(adaptive.lateAfterShift()).isGreaterThan(fixed.lateAfterShift());
    }
}
