package org.neurostream.bci.riemann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;
import org.neurostream.bci.classify.LogisticRegressionModel;
import org.neurostream.bci.classify.LogisticRegressionParams;

class TangentSpaceModelTest {
    private static final double[][][] X16 = firstChannels(Golden.cube("mi_epochs"), 16);

    static double[][][] firstChannels(double[][][] x, int n) {
        return Arrays.stream(x).map(e -> Arrays.copyOf(e, n)).toArray(double[][][]::new);
    }

    private static void assertCube(double[][][] actual, double[][][] expected, double relTol) {
        for (int i = 0; i < expected.length; i++) {
            assertMatrix(actual[i], expected[i], relTol);
        }
    }

    private static void assertMatrix(double[][] actual, double[][] expected, double relTol) {
        double max = Arrays.stream(expected).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(1);
        for (int r = 0; r < expected.length; r++) {
            assertThat(actual[r]).containsExactly(expected[r], within(relTol * max));
        }
    }

    @Test
    void covariancesMatchPyriemann() {
        for (String est : Covariances.ESTIMATORS) {
            assertCube(Covariances.of(X16, est), Golden.cube("cov_" + est), 1e-12);
        }
    }

    @Test
    void riemannianMeanMatchesPyriemann() {
        for (String est : Covariances.ESTIMATORS) {
            assertMatrix(RiemannianMean.of(Covariances.of(X16, est)), Golden.matrix("mean_riemann_" + est), 1e-9);
        }
    }

    @Test
    void tangentVectorsMatchPyriemannWithin1e5() {
        for (String est : Covariances.ESTIMATORS) {
            TangentSpaceModel ts = TangentSpaceModel.fit(Covariances.of(X16, est));
            double[][] v = ts.transform(Covariances.of(X16, est));
            double[][] expected = Golden.matrix("ts_" + est + "_vectors");
            assertThat(v[0]).hasSize(136);
            for (int i = 0; i < expected.length; i++) {
                assertThat(v[i]).as("%s epoch %d", est, i).containsExactly(expected[i], within(1e-5));
            }
        }
    }

    @Test
    void tangentSpaceLogisticRegressionMatchesScikitLearn() {
        double[][][] covs = Covariances.of(X16, "lwf");
        double[][] v = TangentSpaceModel.fit(covs).transform(covs);
        LogisticRegressionModel lr = LogisticRegressionParams.defaults().fit(v, Golden.ints("mi_labels"));
        double[] expected = Golden.vector("ts_lr_coef");
        assertThat(lr.coef()[0]).containsExactly(expected, within(1e-4));
        assertThat(lr.intercept()[0]).isCloseTo(Golden.vector("ts_lr_intercept")[0], within(1e-4));
    }

    @Test
    void vectorNormIsTheRiemannianDistanceToTheReference() {
        double[][][] covs = Covariances.of(X16, "scm");
        TangentSpaceModel ts = TangentSpaceModel.at(covs[0]);
        assertThat(Arrays.stream(ts.transform(covs[0])).map(Math::abs).max().orElseThrow()).isLessThan(1e-9);
        assertThatThrownBy(() -> ts.transform(new double[3][3])).hasMessageContaining("16x16");
        assertThatThrownBy(() -> Covariances.of(X16, "oas")).hasMessageContaining("'estimator'");
    }
}
