package org.neurostream.bci.online;

/**
 * A classifier that keeps learning while it is used. Immutable: {@link #learn} and {@link #observe} return the updated
 * model and leave this one unchanged, so a model can be put into Flink state as it is.
 *
 * <p>Decisions follow scikit-learn's {@code decision_function}: with two classes one score, positive for
 * {@code classes()[1]}; with more classes one score per class, the largest wins.
 */
public sealed interface OnlineModel permits AdaptiveLda, RunningNearestMean, OnlineLogisticRegression, StaticModel,
        GuardedModel {

    /** Sorted class codes. */
    int[] classes();

    /** Length of the feature vectors the model takes. */
    int nFeatures();

    /** Number of labelled trials this model has learned from since it was created or calibrated. */
    long trialsLearned();

    /** Decision scores for one feature vector: length 1 for two classes, else one per class. */
    double[] decision(double[] x);

    /** The model after learning from feature vector {@code x} whose true class code is {@code label}. */
    OnlineModel learn(double[] x, int label);

    /** The model after seeing an unlabelled feature vector; models without unsupervised adaptation return this. */
    default OnlineModel observe(double[] x) {
        return this;
    }

    /**
     * Decision scores for a trial seen through two feature paths: {@code staticX}, the features of the calibrated
     * pipeline as it was calibrated (what the static model sees), and {@code x}, those of the adaptive pipeline (with
     * its unsupervised channel gain adaptation). Only a model that keeps the calibrated model as an expert
     * ({@link GuardedModel}) reads {@code staticX}; every other model decides on {@code x}. Without a separate
     * adaptive path the two are the same vector.
     */
    default double[] decision(double[] staticX, double[] x) {
        return decision(x);
    }

    /** The model after learning from a trial seen through both paths ({@link #decision(double[], double[])}). */
    default OnlineModel learn(double[] staticX, double[] x, int label) {
        return learn(x, label);
    }

    /** The model after seeing an unlabelled trial through both feature paths. */
    default OnlineModel observe(double[] staticX, double[] x) {
        return observe(x);
    }

    /** Predicted class code for a trial seen through both feature paths ({@link #decision(double[], double[])}). */
    default int predict(double[] staticX, double[] x) {
        OnlineChecks.checkWidth(x, nFeatures(), getClass().getSimpleName());
        OnlineChecks.checkWidth(staticX, nFeatures(), getClass().getSimpleName());
        return classOf(decision(staticX, x));
    }

    /** Predicted class code for one feature vector. */
    default int predict(double[] x) {
        OnlineChecks.checkWidth(x, nFeatures(), getClass().getSimpleName());
        return classOf(decision(x));
    }

    private int classOf(double[] d) {
        if (d.length == 1) {
            return classes()[d[0] > 0 ? 1 : 0];
        }
        int best = 0;
        for (int k = 1; k < d.length; k++) {
            if (d[k] > d[best]) {
                best = k;
            }
        }
        return classes()[best];
    }
}
