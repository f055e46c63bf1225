package org.neurostream.bci.pipeline;

import org.neurostream.bci.spatial.CspModel;
import org.neurostream.bci.spatial.CspParams;

/** CSP log-variance features (MNE's CSP, see {@link CspParams}). */
public record CspFeatures(CspParams csp) implements FeatureSpec {

    @Override
    public String name() {
        return "csp";
    }

    @Override
    public Model fit(double[][][] x, int[] y, double sampleRateHz) {
        return new Model(csp.fit(x, y));
    }

    /** @param csp the fitted CSP */
    public record Model(CspModel csp) implements FeatureModel {
        @Override
        public int nFeatures() {
            return csp.nComponents();
        }

        @Override
        public double[] transform(double[][] epoch) {
            return csp.transform(epoch);
        }
    }
}
