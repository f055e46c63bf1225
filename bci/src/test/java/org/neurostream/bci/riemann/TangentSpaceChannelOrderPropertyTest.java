package org.neurostream.bci.riemann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.neurostream.bci.Golden;

/**
 * The Riemannian distance (norm of the tangent vector) and CSP-free covariance features do not depend on the order of
 * the channels: permuting channels permutes the covariance, and the affine-invariant geometry is unchanged.
 */
class TangentSpaceChannelOrderPropertyTest {
    private static final double[][][] X8 = Arrays.stream(Golden.cube("mi_epochs")).limit(12)
            .map(e -> Arrays.copyOf(e, 8)).toArray(double[][][]::new);

    @Property(tries = 20)
    void tangentVectorNormIsInvariantToChannelOrder(@ForAll @IntRange(min = 1, max = 7) int shift) {
        double[][][] perm = Arrays.stream(X8).map(e -> {
            double[][] p = new double[8][];
            for (int c = 0; c < 8; c++) {
                p[c] = e[(c + shift) % 8];
            }
            return p;
        }).toArray(double[][][]::new);
        double[][][] covs = Covariances.of(X8, "scm");
        double[][][] covsPerm = Covariances.of(perm, "scm");
        double[][] v = TangentSpaceModel.fit(covs).transform(covs);
        double[][] vPerm = TangentSpaceModel.fit(covsPerm).transform(covsPerm);
        for (int i = 0; i < v.length; i++) {
            assertThat(norm(vPerm[i])).isCloseTo(norm(v[i]), within(1e-8 * Math.max(1, norm(v[i]))));
        }
    }

    private static double norm(double[] v) {
        return Math.sqrt(Arrays.stream(v).map(a -> a * a).sum());
    }
}
