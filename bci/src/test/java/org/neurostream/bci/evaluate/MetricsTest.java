package org.neurostream.bci.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;

class MetricsTest {

    private static int[][] intMatrix(String name) {
        double[][] m = Golden.matrix(name);
        int[][] out = new int[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                out[i][j] = (int) m[i][j];
            }
        }
        return out;
    }

    @Test
    void binaryScoresMatchScikitLearnIncludingTiedAuc() {
        int[] t = Golden.ints("metric_true");
        int[] p = Golden.ints("metric_pred");
        assertThat(Metrics.accuracy(t, p)).isCloseTo(Golden.scalar("metric_accuracy"), within(1e-12));
        assertThat(Metrics.balancedAccuracy(t, p)).isCloseTo(Golden.scalar("metric_balanced_accuracy"), within(1e-12));
        assertThat(Metrics.cohenKappa(t, p)).isCloseTo(Golden.scalar("metric_kappa"), within(1e-12));
        assertThat(Metrics.rocAuc(t, Golden.vector("metric_score"))).isCloseTo(Golden.scalar("metric_auc"), within(1e-12));
        assertThat(Metrics.confusionMatrix(t, p)).isDeepEqualTo(intMatrix("metric_confusion"));
    }

    @Test
    void threeClassScoresMatchScikitLearn() {
        int[] t = Golden.ints("metric3_true");
        int[] p = Golden.ints("metric3_pred");
        assertThat(Metrics.balancedAccuracy(t, p)).isCloseTo(Golden.scalar("metric3_balanced_accuracy"), within(1e-12));
        assertThat(Metrics.cohenKappa(t, p)).isCloseTo(Golden.scalar("metric3_kappa"), within(1e-12));
        assertThat(Metrics.confusionMatrix(t, p)).isDeepEqualTo(intMatrix("metric3_confusion"));
    }

    @Test
    void binomialThresholdMatchesScipyQuantile() {
        for (int[] nc : new int[][] {{45, 2}, {100, 2}, {60, 3}}) {
            assertThat(Metrics.binomialChanceThreshold(nc[0], nc[1], 0.05))
                    .isCloseTo(Golden.scalar("binom_threshold_" + nc[0] + "_" + nc[1]), within(1e-12));
        }
    }

    @Test
    void chanceLevelIsTheMajorityClassShare() {
        assertThat(Metrics.chanceLevel(Golden.ints("mi_labels"))).isCloseTo(Golden.scalar("mi_chance"), within(1e-12));
    }
}
