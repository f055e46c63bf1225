package org.neurostream.bci.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.classify.LdaModel;
import org.neurostream.bci.classify.LdaParams;
import org.neurostream.bci.linalg.SymmetricEigen;

/**
 * The guarded learners ({@link GuardedModel}) and the preconditioned logistic regression on synthetic sessions shaped
 * like CSP log-variance features: a large common offset, small within-class spread, classes apart along one direction.
 */
class GuardedLearnersTest {
    private static final int[] CLASSES = {0, 1};
    private static final int P = 4;

    /** Features of trials {@code y}: offset 5 (as a log-variance), within-class sd 0.3 with a common part. */
    private static double[][] session(Random rng, int[] y) {
        double[][] x = new double[y.length][P];
        for (int i = 0; i < y.length; i++) {
            double common = 0.2 * rng.nextGaussian();
            for (int j = 0; j < P; j++) {
                double sign = y[i] == 1 ? 1 : -1;
                x[i][j] = 5 + 0.3 * rng.nextGaussian() + common + sign * 0.5 * (j + 1) / P;
            }
        }
        return x;
    }

    private static int[] labels(Random rng, int n) {
        return OnlineModelsTest.labels(rng, n);
    }

    /** Prequential correctness of each trial when streaming x with labels y, swapped from trial {@code swapAt} on. */
    private static boolean[] stream(OnlineModel model, double[][] x, int[] y, int swapAt) {
        boolean[] right = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            int label = i < swapAt ? y[i] : 1 - y[i];
            right[i] = model.predict(x[i]) == label;
            model = model.observe(x[i]).learn(x[i], label);
        }
        return right;
    }

    private static double accuracy(boolean[] right, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += right[i] ? 1 : 0;
        }
        return (double) n / (to - from);
    }

    private static LdaModel calibration(long seed) {
        Random rng = new Random(seed);
        int[] y = labels(rng, 15);
        return LdaParams.shrinkageAuto().fit(session(rng, y), y);
    }

    @Test
    void supervisedLearnersStartGuardedByTheCalibrationAndThePooledMeanDoesNot() {
        LdaModel lda = calibration(1);
        for (Adaptation.Kind kind : List.of(Adaptation.Kind.LDA, Adaptation.Kind.NCM, Adaptation.Kind.LR)) {
            OnlineModel m = Adaptation.defaults(kind).start(lda);
            assertThat(m).as(kind.text()).isInstanceOf(GuardedModel.class);
            assertThat(((GuardedModel) m).leader()).isInstanceOf(StaticModel.class);
        }
        assertThat(Adaptation.defaults(Adaptation.Kind.LDA_PMEAN).start(lda)).isInstanceOf(AdaptiveLda.class);
        assertThat(Adaptation.defaults(Adaptation.Kind.LDA).startFromScratch(CLASSES, P))
                .isInstanceOf(AdaptiveLda.class);
    }

    @Test
    void theGuardFollowsTheAdaptiveExpertOnlyWhileItsRecentErrorIsStrictlyLower() {
        LdaModel lda = calibration(2);
        StaticModel calibrated = new StaticModel(lda, 0);
        OnlineModel adaptive = Adaptation.defaults(Adaptation.Kind.LDA).startAdaptive(lda);
        // A trial the calibrated model gets right: given the other label, both experts are wrong, tie to the calibration
        double[] x = {5.3, 5.4, 5.5, 5.6};
        int predicted = calibrated.predict(x);
        GuardedModel both = GuardedModel.of(calibrated, adaptive, 0.2).learn(x, 1 - predicted);
        assertThat(both.calibratedError()).isEqualTo(both.adaptiveError()).isCloseTo(0.2, within(1e-15));
        assertThat(both.leader()).isSameAs(both.calibrated());
        GuardedModel adaptiveBetter = new GuardedModel(calibrated, adaptive, 0.2, 0.3, 0.1);
        assertThat(adaptiveBetter.decision(x)).containsExactly(adaptive.decision(x));
        assertThat(new GuardedModel(calibrated, adaptive, 0.2, 0.3, 0.3).decision(x))
                .containsExactly(calibrated.decision(x));
        assertThatThrownBy(() -> GuardedModel.of(calibrated, calibrated, 0.2)).hasMessageContaining("must be a learner");
    }

    @Test
    void eachExpertIsScoredAndDecidesOnItsOwnFeatureVector() {
        LdaModel lda = calibration(3);
        StaticModel calibrated = new StaticModel(lda, 0);
        OnlineModel adaptive = Adaptation.defaults(Adaptation.Kind.LDA).startAdaptive(lda);
        // The static path's vector is on the calibration's side of the first class, the adaptive path's on the other.
        double[] staticX = {4.6, 4.7, 4.8, 4.9};
        double[] adaptedX = {5.4, 5.5, 5.6, 5.7};
        assertThat(calibrated.predict(staticX)).isNotEqualTo(calibrated.predict(adaptedX));
        int label = calibrated.predict(staticX);
        GuardedModel guard = GuardedModel.of(calibrated, adaptive, 0.2);
        // Ties go to the calibrated expert, which decides on the static features only.
        assertThat(guard.decision(staticX, adaptedX)).containsExactly(calibrated.decision(staticX));
        assertThat(guard.predict(staticX, adaptedX)).isEqualTo(label);

        GuardedModel next = guard.learn(staticX, adaptedX, label);
        assertThat(next.calibratedError()).as("right on its own (static) vector").isZero();
        assertThat(next.adaptiveError()).as("wrong on its own (adaptive) vector").isCloseTo(0.2, within(1e-15));
        assertThat(next.adaptive()).as("the learner learns the adaptive vector").usingRecursiveComparison()
                .isEqualTo(adaptive.learn(adaptedX, label));
        assertThat(next.calibrated().trialsLearned()).isEqualTo(1);
        // Once the adaptive expert leads, it decides on the adaptive features.
        GuardedModel adaptiveLeads = new GuardedModel(calibrated, adaptive, 0.2, 0.4, 0.1);
        assertThat(adaptiveLeads.decision(staticX, adaptedX)).containsExactly(adaptive.decision(adaptedX));
        // One vector for both paths is the single-vector guard.
        assertThat(guard.learn(adaptedX, adaptedX, label)).usingRecursiveComparison()
                .isEqualTo(guard.learn(adaptedX, label));
    }

    @Test
    void withoutAShiftTheGuardedLearnersAreNotWorseThanTheCalibratedModel() {
        for (long seed = 10; seed < 15; seed++) {
            LdaModel lda = calibration(seed);
            Random rng = new Random(seed + 100);
            int[] y = labels(rng, 40);
            double[][] x = session(rng, y);
            double fixed = accuracy(stream(new StaticModel(lda, 0), x, y, x.length), 0, x.length);
            for (Adaptation.Kind kind : List.of(Adaptation.Kind.LDA, Adaptation.Kind.NCM, Adaptation.Kind.LR)) {
                double guarded = accuracy(stream(Adaptation.defaults(kind).start(lda), x, y, x.length), 0, x.length);
                // at most the one trial it takes to hand back to the calibrated model
                assertThat(guarded).as("%s, seed %d", kind.text(), seed).isGreaterThanOrEqualTo(fixed - 1.0 / 40);
            }
        }
    }

    /** 30 sessions of 60 trials, labels swapped from trial 20: the mean accuracy over trials 35–60 of each learner. */
    private static double meanAccuracyAfterSwap(java.util.function.Function<LdaModel, OnlineModel> start) {
        double sum = 0;
        int sessions = 30;
        for (long seed = 100; seed < 100 + sessions; seed++) {
            LdaModel lda = calibration(seed);
            Random rng = new Random(seed + 1000);
            int[] y = labels(rng, 60);
            sum += accuracy(stream(start.apply(lda), session(rng, y), y, 20), 35, 60);
        }
        return sum / sessions;
    }

    @Test
    void afterSwappedLabelsEveryGuardedLearnerRecoversWithinTheSession() {
        assertThat(meanAccuracyAfterSwap(lda -> new StaticModel(lda, 0))).isLessThan(0.15);
        // 20 trials in the old session, the swap, 15 trials to relearn; then (chance is 0.5):
        assertThat(meanAccuracyAfterSwap(Adaptation.defaults(Adaptation.Kind.LDA)::start)).isGreaterThan(0.85);
        assertThat(meanAccuracyAfterSwap(Adaptation.defaults(Adaptation.Kind.NCM)::start)).isGreaterThan(0.85);
        assertThat(meanAccuracyAfterSwap(Adaptation.defaults(Adaptation.Kind.LR)::start)).isGreaterThan(0.7);
    }

    @Test
    void preconditionedLogisticRegressionRecoversFromSwappedLabelsWherePlainSgdCannot() {
        Adaptation defaults = Adaptation.defaults(Adaptation.Kind.LR);
        double preconditioned = meanAccuracyAfterSwap(defaults::startAdaptive);
        // the previous rule: plain SGD with the step whose memory along the stiffest direction is W trials
        double plain = meanAccuracyAfterSwap(lda -> {
            double[] m2 = SymmetricEigen.of(Adaptation.secondMoment(lda)).values();
            return OnlineLogisticRegression.fromLinear(CLASSES, lda.coef(), lda.intercept(),
                    4 / (defaults.calibrationWeight() * m2[m2.length - 1]), defaults.l2(), defaults.boost(),
                    defaults.accuracyRate());
        });
        assertThat(preconditioned).isGreaterThan(0.7);
        assertThat(plain).isLessThan(0.3);
    }

    /**
     * Trials after the swap at {@code swapAt} until the model was right on 4 of the last 5 (counting the fifth), or
     * -1 if never.
     */
    private static int trialsToRecover(boolean[] right, int swapAt) {
        for (int t = swapAt + 4; t < right.length; t++) {
            if (accuracy(right, t - 4, t + 1) >= 0.8) {
                return t - swapAt + 1;
            }
        }
        return -1;
    }

    /**
     * Confident calibrated weights (log-odds of tens, as CSP log-variances give), labels swapped after 30 trials: the
     * adaptive lr with homeostatic weight forgetting is right on 4 of 5 trials within 12 trials of the swap in every
     * session; with the boosted step and no forgetting (the previous rule) it is not in most sessions.
     */
    @Test
    void forgettingLogisticRegressionRecoversWithinAFewTrialsOfASwapAndTheBoostedStepDoesNot() {
        Adaptation defaults = Adaptation.defaults(Adaptation.Kind.LR);
        int boostedNotRecovered = 0;
        for (long seed = 200; seed < 210; seed++) {
            LdaModel lda = calibration(seed);
            Random rng = new Random(seed + 1000);
            int[] y = labels(rng, 45);
            double[][] x = session(rng, y);
            OnlineLogisticRegression lr = (OnlineLogisticRegression) defaults.startAdaptive(lda);
            assertThat(lr.forgettingFactor()).isEqualTo(1 - 1.0 / Adaptation.DEFAULT_CALIBRATION_TRIALS);
            assertThat(trialsToRecover(stream(lr, x, y, 30), 30)).as("seed %d", seed).isBetween(5, 12);
            int boosted = trialsToRecover(stream(lr.withForgetting(1), x, y, 30), 30);
            boostedNotRecovered += boosted < 0 || boosted > 12 ? 1 : 0;
        }
        assertThat(boostedNotRecovered).isGreaterThanOrEqualTo(5);
    }

    /**
     * As {@link #session} with a common offset {@code offset} and a common fluctuation of sd {@code commonSd} added to
     * every feature: with (2, 1), a later session whose features have moved away from the calibration's second moment
     * along a direction that does not discriminate, as CSP log-variances of another recording do (x̃ᵀPx̃ with the
     * calibration's P is then tens instead of p + 1 = 5 on average); (0, 0) draws from the same law as {@link #session}.
     */
    private static double[][] movedSession(Random rng, int[] y, double offset, double commonSd) {
        double[][] x = new double[y.length][P];
        for (int i = 0; i < y.length; i++) {
            double common = 0.2 * rng.nextGaussian() + offset + commonSd * rng.nextGaussian();
            for (int j = 0; j < P; j++) {
                double sign = y[i] == 1 ? 1 : -1;
                x[i][j] = 5 + 0.3 * rng.nextGaussian() + common + sign * 0.5 * (j + 1) / P;
            }
        }
        return x;
    }

    /**
     * The real failure (S002 left vs right, development-S002.md "h-lr"): in a later session that has moved away from
     * the calibration's second moment, labels swapped after 15 trials, the adaptive lr is right on 4 of 5 trials within
     * the 15 trials after the swap in at least 17 of 20 sessions, because it preconditions with the second moment it
     * remembers with its weights (its covariance shrunk, development-S002.md "h-lr2"). With the calibration's second moment (the previous rule) the steps on the moved
     * trials overshoot and it recovered in 13 of these 20 sessions.
     */
    @Test
    void forgettingLogisticRegressionRecoversFromASwapInASessionThatMovedAwayFromTheCalibration() {
        Adaptation defaults = Adaptation.defaults(Adaptation.Kind.LR);
        int recovered = 0;
        for (long seed = 400; seed < 420; seed++) {
            Random calibrationRng = new Random(seed);
            int[] calibrationLabels = labels(calibrationRng, 15);
            LdaModel lda = LdaParams.shrinkageAuto().fit(movedSession(calibrationRng, calibrationLabels, 0, 0),
                    calibrationLabels);
            Random rng = new Random(seed + 1000);
            int[] y = labels(rng, 30);
            int trials = trialsToRecover(stream(defaults.startAdaptive(lda), movedSession(rng, y, 2, 1), y, 15),
                    15);
            recovered += trials > 0 && trials <= 15 ? 1 : 0;
        }
        assertThat(recovered).isGreaterThanOrEqualTo(17);
    }

    @Test
    void withoutAShiftTheGuardedForgettingLogisticRegressionPredictsAsTheCalibratedModel() {
        Adaptation defaults = Adaptation.defaults(Adaptation.Kind.LR);
        for (long seed = 300; seed < 310; seed++) {
            LdaModel lda = calibration(seed);
            Random rng = new Random(seed + 1000);
            int[] y = labels(rng, 40);
            double[][] x = session(rng, y);
            OnlineModel guarded = defaults.start(lda);
            StaticModel fixed = new StaticModel(lda, 0);
            int same = 0;
            for (int i = 0; i < x.length; i++) {
                same += guarded.predict(x[i]) == fixed.predict(x[i]) ? 1 : 0;
                guarded = guarded.learn(x[i], y[i]);
            }
            // the adaptive expert alone differs on up to a quarter of these trials; the guard keeps the calibration's
            assertThat(same).as("seed %d", seed).isGreaterThanOrEqualTo(37);
        }
    }

    /**
     * Reliably wrong (recent accuracy 0), the memory is at its floor of 2 trials per class, 4 for two classes: every
     * weight and the intercept decay by λ_eff = 3/4, a common factor that changes no prediction by itself.
     */
    @Test
    void atZeroSkillTheWeightsDecayToAMemoryOfTwoTrialsPerClassWithoutChangingAPrediction() {
        OnlineLogisticRegression lr = (OnlineLogisticRegression) Adaptation.defaults(Adaptation.Kind.LR)
                .startAdaptive(calibration(7));
        Random rng = new Random(8);
        int[] y = labels(rng, 20);
        double[][] x = session(rng, y);
        OnlineLogisticRegression decayOnly = new OnlineLogisticRegression(lr.classes(), lr.coef(), lr.intercept(),
                lr.preconditioner(), lr.forgettingFactor(), 1e-300, 0, 0, lr.accuracyRate(), 0, 0);
        OnlineLogisticRegression after = decayOnly.learn(x[0], y[0]);
        for (int j = 0; j < P; j++) {
            assertThat(after.coef()[0][j]).isCloseTo(0.75 * lr.coef()[0][j], within(1e-12));
        }
        assertThat(after.intercept()[0]).isCloseTo(0.75 * lr.intercept()[0], within(1e-12));
        for (double[] row : x) {
            assertThat(after.predict(row)).isEqualTo(lr.predict(row));
        }
    }

    @Test
    void preconditionedStepIsTheSameWhateverTheFeatureUnits() {
        Random rng = new Random(5);
        int[] y = labels(rng, 30);
        double[][] x = session(rng, y);
        double[] unit = {1, 1e3, 1e-2, 7};
        double[][] scaled = new double[x.length][P];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < P; j++) {
                scaled[i][j] = x[i][j] * unit[j];
            }
        }
        OnlineModel a = OnlineLogisticRegression.fromScratch(CLASSES, P, 0.5, 0, 3, 0.2)
                .withPreconditioner(inverseSecondMoment(x));
        OnlineModel b = OnlineLogisticRegression.fromScratch(CLASSES, P, 0.5, 0, 3, 0.2)
                .withPreconditioner(inverseSecondMoment(scaled));
        for (int i = 0; i < x.length; i++) {
            assertThat(b.decision(scaled[i])[0]).as("trial %d", i).isCloseTo(a.decision(x[i])[0], within(1e-6));
            a = a.learn(x[i], y[i]);
            b = b.learn(scaled[i], y[i]);
        }
        double[] w = ((OnlineLogisticRegression) a).coef()[0];
        double[] ws = ((OnlineLogisticRegression) b).coef()[0];
        for (int j = 0; j < P; j++) {
            assertThat(ws[j] * unit[j]).isCloseTo(w[j], within(1e-6 * Math.abs(w[j]) + 1e-9));
        }
    }

    /** E[x̃x̃ᵀ]⁻¹ of the rows of x with a 1 appended, computed directly from the data. */
    private static double[][] inverseSecondMoment(double[][] x) {
        int p = x[0].length + 1;
        double[][] m = new double[p][p];
        for (double[] row : x) {
            double[] r = java.util.Arrays.copyOf(row, p);
            r[p - 1] = 1;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    m[i][j] += r[i] * r[j] / x.length;
                }
            }
        }
        return org.neurostream.bci.linalg.Matrices.solve(m, org.neurostream.bci.linalg.Matrices.identity(p));
    }
}
