package org.neurostream.bci.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;

class CspParamsTest {
    private static final double[][][] X = Golden.cube("mi_epochs");
    private static final int[] Y = Golden.ints("mi_labels");

    private static void assertFeatures(double[][] actual, double[][] expected, double tol) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("epoch %d", i).containsExactly(expected[i], within(tol));
        }
    }

    /** Rows equal up to the sign of each row. */
    private static void assertRowsUpToSign(double[][] actual, double[][] expected, int rows, double relTol) {
        for (int k = 0; k < rows; k++) {
            double max = 0;
            double dot = 0;
            for (int j = 0; j < expected[k].length; j++) {
                max = Math.max(max, Math.abs(expected[k][j]));
                dot += actual[k][j] * expected[k][j];
            }
            double sign = Math.signum(dot);
            for (int j = 0; j < expected[k].length; j++) {
                assertThat(sign * actual[k][j]).as("row %d col %d", k, j).isCloseTo(expected[k][j], within(relTol * max));
            }
        }
    }

    @Test
    void logVarianceFeaturesMatchMneForEveryRegularization() {
        for (String tag : new String[] {"none", "shrink01", "lw"}) {
            CovRegularization reg = switch (tag) {
                case "none" -> new CovRegularization.None();
                case "shrink01" -> new CovRegularization.Shrinkage(0.1);
                default -> new CovRegularization.LedoitWolfShrinkage();
            };
            // MNE's Ledoit-Wolf case is basis-dependent on rank-deficient data: the script uses 16 full-rank channels
            double[][][] x = tag.equals("lw") ? firstChannels(X, 16) : X;
            CspModel m = new CspParams(4, reg, "concat", false, "mutual_info", true).fit(x, Y);
            assertFeatures(m.transform(x), Golden.matrix("csp_" + tag + "_features"), 1e-4);
            assertThat(m.evals()).as(tag).containsExactly(Golden.vector("csp_" + tag + "_evals"), within(1e-8));
            assertRowsUpToSign(m.filters(), Golden.matrix("csp_" + tag + "_filters"), 4, 1e-5);
            assertRowsUpToSign(m.patterns(), Golden.matrix("csp_" + tag + "_patterns"), 4, 1e-5);
            assertThat(m.mean()).containsExactly(Golden.vector("csp_" + tag + "_mean"),
                    within(1e-6 * Golden.vector("csp_" + tag + "_mean")[0]));
        }
    }

    static double[][][] firstChannels(double[][][] x, int n) {
        double[][][] out = new double[x.length][][];
        for (int e = 0; e < x.length; e++) {
            out[e] = java.util.Arrays.copyOf(x[e], n);
        }
        return out;
    }

    @Test
    void standardizedPowerWithoutLogMatchesMne() {
        CspModel m = new CspParams(4, null, "concat", false, "mutual_info", false).fit(X, Y);
        assertFeatures(m.transform(X), Golden.matrix("csp_nolog_features"), 1e-4);
    }

    @Test
    void smallRandomProblemMatchesMne() {
        CspModel m = CspParams.defaults(3).fit(Golden.cube("rand_csp_x"), Golden.ints("rand_csp_y"));
        assertFeatures(m.transform(Golden.cube("rand_csp_x")), Golden.matrix("rand_csp_features"), 1e-4);
        assertThat(m.evals()).containsExactly(Golden.vector("rand_csp_evals"), within(1e-9));
    }

    @Test
    void invalidOptionsGiveMneStyleMessages() {
        assertThatThrownBy(() -> new CspParams(4, null, "mean", false, "mutual_info", true).fit(X, Y))
                .hasMessage("Invalid value for the 'cov_est' parameter. Allowed values are 'concat' and 'epoch', "
                        + "but got 'mean' instead.");
        assertThatThrownBy(() -> new CspParams(4, null, "concat", false, "best", true).fit(X, Y))
                .hasMessageContaining("'component_order'").hasMessageContaining("'best'");
        assertThatThrownBy(() -> CspParams.defaults(65).fit(X, Y)).hasMessageContaining("n_components");
        assertThatThrownBy(() -> CovRegularization.parse("oas")).hasMessageContaining("'reg'");
    }

    @Test
    void epochOfWrongWidthIsRejected() {
        CspModel m = CspParams.defaults(4).fit(X, Y);
        assertThatThrownBy(() -> m.transform(new double[3][10])).hasMessageContaining("64 channels");
    }

    @Test
    void rankDeficientDataIsRestrictedToItsPrincipalSubspace() {
        // average reference makes the channels sum to zero: rank 63
        double[][][] car = new double[X.length][][];
        for (int e = 0; e < X.length; e++) {
            car[e] = new double[64][X[e][0].length];
            for (int t = 0; t < X[e][0].length; t++) {
                double mean = 0;
                for (int c = 0; c < 64; c++) {
                    mean += X[e][c][t] / 64;
                }
                for (int c = 0; c < 64; c++) {
                    car[e][c][t] = X[e][c][t] - mean;
                }
            }
        }
        CspModel m = CspParams.defaults(4).fit(car, Y);
        assertThat(m.filters().length).isEqualTo(63);
        assertThat(java.util.Arrays.stream(m.transform(car)[0]).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void threeClassCspMatchesMnesJointDiagonalization() {
        double[][][] x = Golden.cube("rand3_csp_x");
        int[] y = Golden.ints("rand3_csp_y");
        CspModel m = CspParams.defaults(4).fit(x, y);
        assertFeatures(m.transform(x), Golden.matrix("rand3_csp_features"), 1e-4);
        assertRowsUpToSign(m.filters(), Golden.matrix("rand3_csp_filters"), 4, 1e-5);
        CspModel e = new CspParams(4, null, "epoch", false, "mutual_info", true).fit(x, y);
        assertFeatures(e.transform(x), Golden.matrix("rand3_csp_epoch_features"), 1e-4);
    }

    @Test
    void alternateOrderWithThreeClassesSuggestsMutualInfo() {
        assertThatThrownBy(() -> new CspParams(4, null, "concat", false, "alternate", true)
                .fit(Golden.cube("rand3_csp_x"), Golden.ints("rand3_csp_y")))
                .hasMessageContaining("requires two classes").hasMessageContaining("use component_order='mutual_info'");
    }
}
