package org.neurostream.bci.online;

import org.neurostream.bci.classify.ClassifierModel;

/**
 * A calibrated classifier that does not adapt: the baseline of prequential comparisons. Labels only count trials.
 *
 * @param model the calibrated classifier
 * @param trialsLearned labelled trials seen (not learned from)
 */
public record StaticModel(ClassifierModel model, long trialsLearned) implements OnlineModel {

    @Override
    public int[] classes() {
        return model.classes();
    }

    @Override
    public int nFeatures() {
        return model.nFeatures();
    }

    @Override
    public double[] decision(double[] x) {
        return model.decision(x);
    }

    @Override
    public StaticModel learn(double[] x, int label) {
        OnlineChecks.classIndex(model.classes(), label);
        return new StaticModel(model, trialsLearned + 1);
    }
}
