package org.neurostream.bci.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;
import org.neurostream.bci.spatial.CspParams;

class FeatureScoresTest {
    private static final double[][] X = CspParams.defaults(4).fit(Golden.cube("mi_epochs"), Golden.ints("mi_labels"))
            .transform(Golden.cube("mi_epochs"));
    private static final int[] Y = Golden.ints("mi_labels");

    private static double[] column(double[][] x, int j, int[] y, int label) {
        return IntStream.range(0, x.length).filter(i -> label < 0 || y[i] == label).mapToDouble(i -> x[i][j]).toArray();
    }

    @Test
    void signedR2IsSignedSquaredPearsonWithTheClassIndicator() {
        double[] r2 = FeatureScores.signedR2(X, Y);
        double[] indicator = Arrays.stream(Y).mapToDouble(v -> v).toArray();
        for (int j = 0; j < 4; j++) {
            double r = new PearsonsCorrelation().correlation(column(X, j, Y, -1), indicator);
            assertThat(r2[j]).isCloseTo(Math.signum(r) * r * r, within(1e-12));
        }
    }

    @Test
    void fisherScoreUsesPopulationVariances() {
        double[] f = FeatureScores.fisher(X, Y);
        Variance population = new Variance(false);
        for (int j = 0; j < 4; j++) {
            double[] a = column(X, j, Y, 0);
            double[] b = column(X, j, Y, 1);
            double d = new Mean().evaluate(b) - new Mean().evaluate(a);
            assertThat(f[j]).isCloseTo(d * d / (population.evaluate(a) + population.evaluate(b)), within(1e-10));
        }
    }

    @Test
    void topKRanksByMagnitudeAndRejectsBadK() {
        assertThat(FeatureScores.topK(new double[] {0.1, -0.9, 0.5, 0.9}, 3)).containsExactly(1, 3, 2);
        assertThatThrownBy(() -> FeatureScores.topK(new double[] {1, 2}, 3)).hasMessageContaining("'k' parameter");
        assertThatThrownBy(() -> FeatureScores.signedR2(new double[][] {{1}, {2}, {3}}, new int[] {0, 1, 2}))
                .hasMessageContaining("two classes");
    }

    @Property(tries = 50)
    void scoresAreInvariantToFeatureOrder(@ForAll @IntRange(min = 0, max = 3) int shift) {
        double[][] rotated = Arrays.stream(X).map(row -> IntStream.range(0, 4).mapToDouble(j -> row[(j + shift) % 4])
                .toArray()).toArray(double[][]::new);
        double[] r2 = FeatureScores.signedR2(X, Y);
        double[] r2Rot = FeatureScores.signedR2(rotated, Y);
        for (int j = 0; j < 4; j++) {
            assertThat(r2Rot[j]).isEqualTo(r2[(j + shift) % 4]);
        }
    }
}
