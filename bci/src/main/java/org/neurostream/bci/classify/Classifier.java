package org.neurostream.bci.classify;

import org.neurostream.bci.Checks;

/**
 * The scikit-learn style estimator: parameters in the constructor, {@code fit} returns {@code this}, predictions before
 * {@code fit} throw {@link IllegalStateException}. The learned values are the immutable {@link #model()}.
 *
 * <p>Not thread-safe while fitting; the fitted model itself is immutable.
 */
public final class Classifier {
    private final ClassifierSpec spec;
    private ClassifierModel model;

    public Classifier(ClassifierSpec spec) {
        this.spec = spec;
    }

    public Classifier fit(double[][] x, int[] y) {
        model = spec.fit(x, y);
        return this;
    }

    public int[] predict(double[][] x) {
        return model().predict(x);
    }

    public double[][] decisionFunction(double[][] x) {
        return model().decisionFunction(x);
    }

    public ClassifierSpec spec() {
        return spec;
    }

    /** The fitted model; throws IllegalStateException "… is not fitted" before {@link #fit}. */
    public ClassifierModel model() {
        return Checks.checkFitted(spec.getClass().getSimpleName().replace("Params", ""), model);
    }
}
