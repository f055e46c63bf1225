package org.neurostream.bci.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;

class NearestCentroidParamsTest {

    @Test
    void centroidsAndPredictionsMatchScikitLearn() {
        double[][] x = Golden.matrix("rand3_x");
        NearestCentroidModel m = new NearestCentroidParams().fit(x, Golden.ints("rand3_y"));
        LdaParamsTest.assertMatrix(m.centroids(), Golden.matrix("ncm_centroids"), 1e-12);
        assertThat(m.predict(x)).containsExactly(Golden.ints("ncm_predict"));
    }
}
