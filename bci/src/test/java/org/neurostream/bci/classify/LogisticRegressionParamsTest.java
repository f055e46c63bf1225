package org.neurostream.bci.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;

class LogisticRegressionParamsTest {

    @Test
    void multinomialAndBinaryCoefficientsMatchScikitLearnTo1e4() {
        double[][] x = Golden.matrix("rand3_x");
        int[] y = Golden.ints("rand3_y");
        for (String tag : new String[] {"c1", "c01"}) {
            double c = tag.equals("c1") ? 1.0 : 0.1;
            LogisticRegressionModel m = LogisticRegressionParams.withC(c).fit(x, y);
            LdaParamsTest.assertMatrix(m.coef(), Golden.matrix("lr3_" + tag + "_coef"), 1e-4);
            assertThat(m.intercept()).containsExactly(Golden.vector("lr3_" + tag + "_intercept"), within(1e-4));
            LdaParamsTest.assertMatrix(m.decisionFunction(x), Golden.matrix("lr3_" + tag + "_decision"), 1e-4);

            double[][] x2 = Arrays.copyOfRange(x, 0, 40);
            int[] y2 = Arrays.copyOfRange(y, 0, 40);
            LogisticRegressionModel b = LogisticRegressionParams.withC(c).fit(x2, y2);
            LdaParamsTest.assertMatrix(b.coef(), Golden.matrix("lr2_" + tag + "_coef"), 1e-4);
            assertThat(b.intercept()).containsExactly(Golden.vector("lr2_" + tag + "_intercept"), within(1e-4));
        }
    }

    @Test
    void probabilitiesSumToOne() {
        LogisticRegressionModel m = LogisticRegressionParams.defaults().fit(Golden.matrix("rand3_x"), Golden.ints("rand3_y"));
        double[] p = m.probabilities(Golden.matrix("rand3_x")[5]);
        assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void nonPositiveCIsRejectedWithSklearnStyleMessage() {
        assertThatThrownBy(() -> LogisticRegressionParams.withC(0)).hasMessageContaining("'C' parameter")
                .hasMessageContaining("but got 0.0 instead");
    }
}
