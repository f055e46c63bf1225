package org.neurostream.bci.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.select.FeatureScores;
import org.neurostream.bci.spatial.CspParams;
import org.neurostream.bci.spectral.FrequencyBand;

class FilterBankCspFeaturesTest {

    /** Class-free white noise, 24 channels, 40 epochs of 1 s at 160 Hz, labels alternating. */
    private static double[][][] noise(Random rnd) {
        double[][][] x = new double[40][24][160];
        for (double[][] e : x) {
            for (double[] c : e) {
                for (int t = 0; t < c.length; t++) {
                    c[t] = rnd.nextGaussian();
                }
            }
        }
        return x;
    }

    private static double maxFisher(double[][] f, int[] y) {
        return Arrays.stream(FeatureScores.fisher(f, y)).max().orElseThrow();
    }

    @Test
    void classifierTrainingFeaturesAreOutOfFoldNotOptimisticallySeparated() {
        double[][][] x = noise(new Random(7));
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
        }
        FilterBankCspFeatures spec = new FilterBankCspFeatures(List.of(new FrequencyBand(8, 12),
                new FrequencyBand(20, 24)), 4, CspParams.defaults(4), 4);
        FeatureSpec.Fitted fitted = spec.fitForClassifier(x, y, 160);
        double inSample = maxFisher(fitted.model().transform(x), y);
        double outOfFold = maxFisher(fitted.trainingFeatures(), y);
        // There is no class information: CSP fitted on these very epochs still separates them (the cause of
        // fbcsp-lda at chance), the out-of-fold features the classifier now learns from do not.
        assertThat(inSample).isGreaterThan(1.0);
        assertThat(outOfFold).isLessThan(inSample / 4);
        assertThat(fitted.trainingFeatures()).hasNumberOfRows(40);
        assertThat(fitted.trainingFeatures()[0]).hasSize(4);
    }
}
