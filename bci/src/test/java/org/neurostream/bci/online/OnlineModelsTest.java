package org.neurostream.bci.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.classify.LdaModel;
import org.neurostream.bci.classify.LdaParams;
import org.neurostream.bci.classify.NearestCentroidModel;
import org.neurostream.bci.classify.NearestCentroidParams;
import org.neurostream.bci.classify.Shrinkage;
import org.neurostream.bci.evaluate.Metrics;

class OnlineModelsTest {
    private static final int[] CLASSES = {0, 1};

    /** Two Gaussian classes in 5 dimensions with correlated noise; class 1 is shifted by {@code shift}. */
    private static double[][] data(Random rng, int[] y, double shift) {
        double[][] x = new double[y.length][5];
        for (int i = 0; i < y.length; i++) {
            double common = rng.nextGaussian();
            for (int j = 0; j < 5; j++) {
                x[i][j] = rng.nextGaussian() + 0.5 * common + (y[i] == 1 ? shift * (j + 1) / 5.0 : 0);
            }
        }
        return x;
    }

    /** n labels, the first two 0 and 1, the rest random. */
    static int[] labels(Random rng, int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < 2 ? i : rng.nextInt(2);
        }
        return y;
    }

    @Test
    void adaptiveLdaWithoutForgettingEqualsBatchShrinkageLda() {
        Random rng = new Random(7);
        int[] y = labels(rng, 60);
        double[][] x = data(rng, y, 1.5);
        OnlineModel online = AdaptiveLda.fromScratch(CLASSES, 5, 1.0, 0.2, AdaptiveLda.Mode.SUPERVISED, 0.1);
        for (int i = 0; i < x.length; i++) {
            online = online.learn(x[i], y[i]);
        }
        LdaModel batch = new LdaParams(new Shrinkage.Fixed(0.2), null).fit(x, y);
        LdaModel adapted = ((AdaptiveLda) online).toLdaModel();
        assertThat(adapted.intercept()[0]).isCloseTo(batch.intercept()[0], within(1e-9));
        for (int j = 0; j < 5; j++) {
            assertThat(adapted.coef()[0][j]).isCloseTo(batch.coef()[0][j], within(1e-9));
            for (int k = 0; k < 5; k++) {
                assertThat(adapted.covariance()[j][k]).isCloseTo(batch.covariance()[j][k], within(1e-12));
            }
        }
        assertThat(online.trialsLearned()).isEqualTo(60);
    }

    @Test
    void adaptiveLdaStartedFromCalibrationReproducesTheCalibratedDecisions() {
        Random rng = new Random(3);
        int[] y = labels(rng, 40);
        double[][] x = data(rng, y, 1.0);
        LdaModel calibrated = LdaParams.shrinkageAuto().fit(x, y);
        AdaptiveLda start = AdaptiveLda.fromCalibration(calibrated, 10, 0.9, AdaptiveLda.Mode.SUPERVISED, 0.1);
        for (double[] row : x) {
            assertThat(start.decision(row)[0]).isCloseTo(calibrated.decision(row)[0], within(1e-8));
        }
    }

    @Test
    void pooledMeanAdaptationMovesTheBiasToTheNewGlobalMean() {
        Random rng = new Random(5);
        int[] y = labels(rng, 40);
        double[][] x = data(rng, y, 2.0);
        LdaModel calibrated = LdaParams.shrinkageAuto().fit(x, y);
        OnlineModel model = AdaptiveLda.fromCalibration(calibrated, 10, 1.0, AdaptiveLda.Mode.POOLED_MEAN, 0.2);
        double[] offset = {3, -2, 1, 0.5, 4};
        for (int r = 0; r < 200; r++) {
            double[] shifted = x[r % x.length].clone();
            for (int j = 0; j < 5; j++) {
                shifted[j] += offset[j];
            }
            model = model.observe(shifted).learn(shifted, y[r % x.length]);
        }
        // The bias follows the shift: b = −wᵀ·globalMean, so the shifted data is classified as the original was.
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            double[] shifted = x[i].clone();
            for (int j = 0; j < 5; j++) {
                shifted[j] += offset[j];
            }
            right += model.predict(shifted) == y[i] ? 1 : 0;
        }
        assertThat((double) right / x.length).isGreaterThanOrEqualTo(
                Metrics.accuracy(y, calibrated.predict(x)) - 0.1);
        assertThat(model.trialsLearned()).isZero();
    }

    @Test
    void runningMeansWithoutForgettingEqualBatchNearestCentroid() {
        Random rng = new Random(11);
        int[] y = labels(rng, 50);
        double[][] x = data(rng, y, 1.0);
        OnlineModel model = RunningNearestMean.fromScratch(CLASSES, 5, 1.0);
        for (int i = 0; i < x.length; i++) {
            model = model.learn(x[i], y[i]);
        }
        NearestCentroidModel batch = new NearestCentroidParams().fit(x, y);
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 5; j++) {
                assertThat(((RunningNearestMean) model).means()[k][j]).isCloseTo(batch.centroids()[k][j],
                        within(1e-12));
            }
        }
    }

    @Test
    void logisticStepIsTheGradientOfTheLogLoss() {
        OnlineLogisticRegression lr = OnlineLogisticRegression.fromLinear(CLASSES, new double[][] {{0.5, -1}},
                new double[] {0.2}, 0.1, 0.01, 0, 0.2);
        double[] x = {1.0, 2.0};
        OnlineLogisticRegression next = lr.learn(x, 1);
        double z = 0.2 + 0.5 - 2.0;
        double err = 1 / (1 + Math.exp(-z)) - 1;
        assertThat(next.coef()[0][0]).isCloseTo(0.5 - 0.1 * (err * 1 + 0.01 * 0.5), within(1e-15));
        assertThat(next.coef()[0][1]).isCloseTo(-1 - 0.1 * (err * 2 + 0.01 * -1), within(1e-15));
        assertThat(next.intercept()[0]).isCloseTo(0.2 - 0.1 * err, within(1e-15));
    }

    @Test
    void homeostaticStepRisesWhenTheModelFails() {
        OnlineLogisticRegression lr = OnlineLogisticRegression.fromLinear(CLASSES, new double[][] {{1, 0}},
                new double[] {0}, 0.1, 0, 3, 0.5);
        OnlineLogisticRegression failed = lr.learn(new double[] {2, 0}, 0);
        assertThat(failed.recentAccuracy()).isEqualTo(0.5);
        assertThat(failed.currentStep()).isGreaterThan(lr.currentStep());
    }

    @Test
    void forgettingRecoversFasterAfterSwappedLabels() {
        Random rng = new Random(21);
        int[] y = labels(rng, 200);
        double[][] x = data(rng, y, 2.5);
        double[] accAfterSwap = new double[2];
        double[] lambdas = {1.0, 0.9};
        for (int m = 0; m < 2; m++) {
            OnlineModel model = AdaptiveLda.fromScratch(CLASSES, 5, lambdas[m], 0.1, AdaptiveLda.Mode.SUPERVISED,
                    0.1);
            PrequentialScore after = PrequentialScore.empty(2);
            for (int i = 0; i < x.length; i++) {
                int label = i < 100 ? y[i] : 1 - y[i];
                int predicted = model.predict(x[i]);
                if (i >= 100) {
                    after = after.add(label, predicted);
                }
                model = model.learn(x[i], label);
            }
            accAfterSwap[m] = after.accuracy();
        }
        assertThat(accAfterSwap[1]).isGreaterThan(accAfterSwap[0] + 0.1);
    }

    @Test
    void homeostaticMemoryIsTheConfiguredOneWhileRightAndTwoTrialsAtChance() {
        double lambda = 1 - 1.0 / 15;
        assertThat(HomeostaticMemory.forgetting(lambda, 0, 2)).isEqualTo(lambda);
        assertThat(HomeostaticMemory.forgetting(lambda, 0.5, 2)).isEqualTo(0.5);
        assertThat(HomeostaticMemory.forgetting(lambda, 0.9, 2)).isEqualTo(0.5);
        // error 0.2 of two classes: skill 0.6, memory 0.6 · 15 = 9 trials
        assertThat(HomeostaticMemory.forgetting(lambda, 0.2, 2)).isCloseTo(1 - 1.0 / 9, within(1e-12));
        // three classes: chance is an error of 2/3
        assertThat(HomeostaticMemory.forgetting(lambda, 1.0 / 3, 3)).isCloseTo(1 - 1.0 / 7.5, within(1e-12));
        assertThat(HomeostaticMemory.forgetting(1.0, 0.2, 2)).isEqualTo(1.0);
        assertThat(HomeostaticMemory.forgetting(1.0, 0.5, 2)).isEqualTo(0.5);
    }

    @Test
    void homeostaticLearnersRecoverFasterAfterSwappedLabelsThanWithTheirFixedMemory() {
        Random rng = new Random(5);
        int[] y = labels(rng, 130);
        double[][] x = data(rng, y, 2.5);
        double lambda = 1 - 1.0 / 15;
        List<OnlineModel> fixed = List.of(
                AdaptiveLda.fromScratch(CLASSES, 5, lambda, 0.1, AdaptiveLda.Mode.SUPERVISED, 0.1),
                RunningNearestMean.fromScratch(CLASSES, 5, lambda));
        List<OnlineModel> homeostatic = List.of(
                ((AdaptiveLda) fixed.get(0)).withHomeostasis(0.2), ((RunningNearestMean) fixed.get(1))
                        .withHomeostasis(0.2));
        for (int m = 0; m < 2; m++) {
            double[] after = new double[2];
            double[] before = new double[2];
            List<OnlineModel> start = List.of(fixed.get(m), homeostatic.get(m));
            for (int v = 0; v < 2; v++) {
                OnlineModel model = start.get(v);
                PrequentialScore pre = PrequentialScore.empty(2);
                PrequentialScore post = PrequentialScore.empty(2);
                for (int i = 0; i < x.length; i++) {
                    int label = i < 100 ? y[i] : 1 - y[i];
                    int predicted = model.predict(x[i]);
                    if (i >= 100) {
                        post = post.add(label, predicted);
                    } else if (i >= 20) {
                        pre = pre.add(label, predicted);
                    }
                    model = model.learn(x[i], label);
                }
                before[v] = pre.accuracy();
                after[v] = post.accuracy();
            }
            assertThat(after[1]).as("model %d after the swap", m).isGreaterThan(after[0] + 0.05);
            assertThat(before[1]).as("model %d before the swap", m).isGreaterThanOrEqualTo(before[0] - 0.05);
        }
    }

    @Test
    void prequentialKappaEqualsCohenKappaOfTheSameTrials() {
        int[] t = {0, 0, 1, 1, 1, 0, 1, 0, 0, 1};
        int[] p = {0, 1, 1, 1, 0, 0, 1, 0, 1, 1};
        PrequentialScore s = PrequentialScore.empty(2);
        for (int i = 0; i < t.length; i++) {
            s = s.add(t[i], p[i]);
        }
        assertThat(s.kappa()).isEqualTo(Metrics.cohenKappa(t, p));
        assertThat(s.accuracy()).isEqualTo(Metrics.accuracy(t, p));
    }

    @Test
    void unknownLabelAndWrongWidthNameTheProblem() {
        OnlineModel model = RunningNearestMean.fromScratch(CLASSES, 3, 1.0);
        assertThatThrownBy(() -> model.learn(new double[] {1, 2, 3}, 5)).hasMessageContaining("Label 5");
        assertThatThrownBy(() -> model.learn(new double[] {1, 2}, 0)).hasMessageContaining("X has 2 features");
        assertThatThrownBy(() -> Adaptation.Kind.parse("svm")).hasMessageContaining("[lda, lda-pmean, ncm, lr, none]");
    }
}
