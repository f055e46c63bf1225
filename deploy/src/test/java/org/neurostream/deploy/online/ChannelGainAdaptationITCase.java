package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.operators.online.Prediction;

/**
 * The channel gain adaptation through the real job (replay source, keyed filter with its gain tracker in keyed state,
 * epocher, CSP features, classifier, on embedded Flink as {@link OnlineRunner} runs it): a change of every channel's gain in the second recording
 * (channel c × (0.4 + 1.2·c/63), {@link ConceptShift.Kind#CHANNEL_GAINS}) is undone. The classifier is the static
 * calibrated LDA, so each trial's decision score is a fixed linear function of its CSP features, and any difference
 * between two runs' scores is a difference of their features.
 */
class ChannelGainAdaptationITCase {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    private static final Path EEG = DATA.resolve("eeg").resolve("eegmmidb_S001");
    private static final Path MODEL = DATA.resolve("models").resolve("S001R06-hands-feet-csp-lda.json");
    /** Short against the 125 s recording, so that the test sees the tracker converge well within it. */
    private static final double TAU_SECONDS = 4;

    private static List<Prediction> run(Adaptation adaptation, ConceptShift.Kind shift, Path out) throws Exception {
        RunSpec spec = new RunSpec(List.of("file:" + EEG.resolve("S001R10.edf"), "file:" + EEG.resolve("S001R14.edf")),
                MODEL, adaptation, false, true, null, out, Double.POSITIVE_INFINITY, RunSpec.DEFAULT_CHUNK_SAMPLES,
                null, 0, null, false, false);
        OnlineJob job = new OnlineJob(spec, new ConceptShift(shift, "S001R14.edf", "T1", "T2"));
        List<Prediction> p = new ArrayList<>(OnlineRunner.run(job, x -> { }).predictions());
        p.sort((a, b) -> Long.compare(a.trial(), b.trial()));
        return p;
    }

    @Test
    void aChangeOfChannelGainsIsUndoneAndTheFeaturesConvergeToThoseWithoutIt(@TempDir Path dir) throws Exception {
        Adaptation staticWithGains = Adaptation.defaults(Adaptation.Kind.NONE).withGainTimeConstant(TAU_SECONDS);
        List<Prediction> reference = run(staticWithGains, ConceptShift.Kind.NONE, dir.resolve("unshifted"));
        List<Prediction> adapted = run(staticWithGains, ConceptShift.Kind.CHANNEL_GAINS, dir.resolve("adapted"));
        List<Prediction> fixed = run(Adaptation.defaults(Adaptation.Kind.NONE), ConceptShift.Kind.CHANNEL_GAINS,
                dir.resolve("static"));
        List<Prediction> unshiftedStatic = run(Adaptation.defaults(Adaptation.Kind.NONE), ConceptShift.Kind.NONE,
                dir.resolve("static-unshifted"));
        assertThat(adapted).hasSameSizeAs(reference).hasSize(30);
        assertThat(fixed).hasSameSizeAs(reference);

        int first = 0;
        while (!reference.get(first).recording().equals("S001R14")) {
            first++;
        }
        assertThat(first).isEqualTo(15);
        for (int i = 0; i < first; i++) {
            assertThat(adapted.get(i).score()).as("trial %d, before the shift", i + 1)
                    .isEqualTo(reference.get(i).score());
        }
        // Right after the change the tracker has not caught up; from 8 τ (32 s) after the first trial of the changed
        // recording on, the features are those without the change (what is left of the step is less than e⁻⁸ of
        // it, 3·10⁻⁴), while the static pipeline's stay off.
        double firstGap = Math.abs(adapted.get(first).score() - reference.get(first).score());
        double lateAdapted = 0;
        double lateStatic = 0;
        int late = 0;
        for (int i = first; i < reference.size(); i++) {
            double sinceShift = reference.get(i).cueSeconds() - reference.get(first).cueSeconds();
            if (sinceShift >= 8 * TAU_SECONDS) {
                lateAdapted = Math.max(lateAdapted, Math.abs(adapted.get(i).score() - reference.get(i).score()));
                lateStatic += Math.abs(fixed.get(i).score() - unshiftedStatic.get(i).score());
                late++;
            }
        }
        lateStatic /= late;
        System.out.printf("first shifted trial: |Δscore| %.4g; later (%d trials): adapted max %.4g, static mean %.4g%n",
                firstGap, late, lateAdapted, lateStatic);
        assertThat(late).isGreaterThanOrEqualTo(10);
        assertThat(firstGap).as("the change is visible before the tracker catches up").isGreaterThan(0.5);
        assertThat(lateAdapted).as("converged to the unshifted features").isLessThan(0.01);
        assertThat(lateStatic).as("without gain adaptation the change stays").isGreaterThan(0.5);
    }

    @Test
    void theGuardsCalibratedExpertScoresTheStaticPipelinesFeaturesNotTheGainAdaptedOnes(@TempDir Path dir)
            throws Exception {
        Adaptation guardedWithGains = Adaptation.defaults(Adaptation.Kind.LDA).withGainTimeConstant(TAU_SECONDS);
        List<Prediction> guarded = run(guardedWithGains, ConceptShift.Kind.NONE, dir.resolve("guarded"));
        List<Prediction> staticPipeline = run(Adaptation.defaults(Adaptation.Kind.NONE), ConceptShift.Kind.NONE,
                dir.resolve("static"));
        List<Prediction> calibratedOnAdapted = run(Adaptation.defaults(Adaptation.Kind.NONE)
                .withGainTimeConstant(TAU_SECONDS), ConceptShift.Kind.NONE, dir.resolve("static-with-gains"));
        assertThat(guarded).hasSameSizeAs(staticPipeline).hasSize(30);
        // The guard's calibrated expert decides until the adaptive one has a strictly lower recent error, which needs
        // a trial the calibrated model got wrong: up to and including the static pipeline's first error, every
        // decision is the calibrated expert's, and its score must be the static pipeline's to the bit.
        int firstError = 0;
        while (firstError < staticPipeline.size() - 1 && staticPipeline.get(firstError).correct()) {
            firstError++;
        }
        assertThat(firstError).as("trials before the static pipeline's first error").isGreaterThanOrEqualTo(5);
        int differingWithGains = 0;
        for (int i = 0; i <= firstError; i++) {
            assertThat(guarded.get(i).score()).as("trial %d", i + 1).isEqualTo(staticPipeline.get(i).score());
            assertThat(guarded.get(i).predicted()).isEqualTo(staticPipeline.get(i).predicted());
            differingWithGains += calibratedOnAdapted.get(i).score() != staticPipeline.get(i).score() ? 1 : 0;
        }
        assertThat(differingWithGains).as("the gain-adapted features score differently, so the guard did not use them")
                .isEqualTo(firstError + 1);
        assertThat(guarded.get(guarded.size() - 1).trialsLearned()).isEqualTo(30);
    }
}
