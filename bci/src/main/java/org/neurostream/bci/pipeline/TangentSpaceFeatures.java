package org.neurostream.bci.pipeline;

import org.neurostream.bci.Checks;
import org.neurostream.bci.riemann.Covariances;
import org.neurostream.bci.riemann.TangentSpaceModel;

/**
 * Riemannian tangent-space features as pyRiemann's {@code make_pipeline(Covariances(estimator), TangentSpace())}:
 * spatial covariance per epoch, projected at the Riemannian mean of the training covariances.
 *
 * @param estimator "scm" or "lwf"
 */
public record TangentSpaceFeatures(String estimator) implements FeatureSpec {

    public TangentSpaceFeatures {
        Checks.checkOption("estimator", estimator, Covariances.ESTIMATORS);
    }

    @Override
    public String name() {
        return "ts";
    }

    @Override
    public Model fit(double[][][] x, int[] y, double sampleRateHz) {
        return new Model(estimator, TangentSpaceModel.fit(Covariances.of(x, estimator)));
    }

    /** @param estimator covariance estimator; @param tangentSpace projection at the training mean */
    public record Model(String estimator, TangentSpaceModel tangentSpace) implements FeatureModel {
        @Override
        public int nFeatures() {
            return tangentSpace.nFeatures();
        }

        @Override
        public double[] transform(double[][] epoch) {
            return tangentSpace.transform(Covariances.of(epoch, estimator));
        }
    }
}
