package org.neurostream.bci.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;

class LdaParamsTest {

    static void assertMatrix(double[][] actual, double[][] expected, double tol) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i].length).isEqualTo(expected[i].length);
            for (int j = 0; j < expected[i].length; j++) {
                double scale = Math.max(1.0, Math.abs(expected[i][j]));
                assertThat(actual[i][j]).as("[%d][%d]", i, j).isCloseTo(expected[i][j], within(tol * scale));
            }
        }
    }

    @Test
    void ledoitWolfLdaOnCspFeaturesMatchesScikitLearn() {
        double[][] x = Golden.matrix("csp_none_features");
        int[] y = Golden.ints("mi_labels");
        LdaModel m = LdaParams.shrinkageAuto().fit(x, y);
        assertThat(m.shrinkage()).containsExactly(Golden.vector("lda_csp_shrinkage"), within(1e-12));
        assertMatrix(m.coef(), Golden.matrix("lda_csp_coef"), 1e-9);
        assertThat(m.intercept()).containsExactly(Golden.vector("lda_csp_intercept"), within(1e-9));
        double[][] d = m.decisionFunction(x);
        double[] expected = Golden.vector("lda_csp_decision");
        for (int i = 0; i < x.length; i++) {
            assertThat(d[i][0]).isCloseTo(expected[i], within(1e-9));
        }
        assertThat(m.predict(x)).containsExactly(Golden.ints("lda_csp_predict"));
    }

    @Test
    void threeClassLdaMatchesScikitLearnForEveryShrinkage() {
        double[][] x = Golden.matrix("rand3_x");
        int[] y = Golden.ints("rand3_y");
        for (String tag : new String[] {"auto", "none", "fixed03"}) {
            Shrinkage s = switch (tag) {
                case "auto" -> Shrinkage.auto();
                case "none" -> Shrinkage.none();
                default -> new Shrinkage.Fixed(0.3);
            };
            LdaModel m = new LdaParams(s, null).fit(x, y);
            assertMatrix(m.coef(), Golden.matrix("lda3_" + tag + "_coef"), 1e-9);
            assertThat(m.intercept()).containsExactly(Golden.vector("lda3_" + tag + "_intercept"), within(1e-9));
            assertMatrix(m.decisionFunction(x), Golden.matrix("lda3_" + tag + "_decision"), 1e-9);
            assertThat(m.predict(x)).as(tag).containsExactly(Golden.ints("lda3_" + tag + "_predict"));
        }
        assertThat(LdaParams.shrinkageAuto().fit(x, y).shrinkage())
                .containsExactly(Golden.vector("lda3_auto_shrinkage"), within(1e-12));
    }

    @Test
    void unevenPriorsAreRenormalized() {
        double[][] x = Golden.matrix("rand3_x");
        int[] y = Golden.ints("rand3_y");
        LdaModel a = new LdaParams(Shrinkage.auto(), new double[] {2, 2, 2}).fit(x, y);
        LdaModel b = LdaParams.shrinkageAuto().fit(x, y);
        assertThat(a.priors()).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(1e-15));
        assertMatrix(a.coef(), b.coef(), 1e-12);
    }

    @Test
    void invalidShrinkageNamesParameterAndValue() {
        assertThatThrownBy(() -> Shrinkage.parse("1.5")).hasMessageContaining("'shrinkage' parameter")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> Shrinkage.parse("lw")).hasMessageContaining("but got 'lw' instead");
    }

    @Test
    void singleClassAndMismatchedLabelsAreRejected() {
        double[][] x = {{1, 2}, {3, 4}};
        assertThatThrownBy(() -> LdaParams.shrinkageAuto().fit(x, new int[] {1, 1}))
                .hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> LdaParams.shrinkageAuto().fit(x, new int[] {1}))
                .hasMessageContaining("2 samples but 1 labels");
        assertThatThrownBy(() -> LdaParams.shrinkageAuto().fit(new double[][] {{1, Double.NaN}, {1, 2}}, new int[] {0, 1}))
                .hasMessageContaining("non-finite").hasMessageContaining("sample 0, feature 1");
    }

    @Test
    void predictingBeforeFitThrowsNotFitted() {
        Classifier c = new Classifier(LdaParams.shrinkageAuto());
        assertThatThrownBy(() -> c.predict(new double[][] {{1}})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Lda is not fitted");
    }

    @Test
    void wrongFeatureCountAtPredictionIsRejected() {
        LdaModel m = LdaParams.shrinkageAuto().fit(Golden.matrix("rand3_x"), Golden.ints("rand3_y"));
        assertThatThrownBy(() -> m.predict(new double[] {1, 2})).hasMessageContaining("X has 2 features")
                .hasMessageContaining("expecting 5");
    }
}
