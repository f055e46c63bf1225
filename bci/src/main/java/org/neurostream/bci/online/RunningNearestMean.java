package org.neurostream.bci.online;

import org.neurostream.bci.classify.NearestCentroidModel;

/**
 * Nearest class mean with running means: each labelled trial moves its class mean by {@code (x − mean) / count}, where
 * every class's weight first decays by the forgetting factor λ, or with a homeostatic error rate β > 0 by λ_eff of
 * {@link HomeostaticMemory} (λ = 1: the exact running mean, equal to the batch
 * nearest centroid on the same trials). Decisions are {@link NearestCentroidModel}'s (negative squared distances).
 *
 * @param classes sorted class codes
 * @param counts decayed trial weight per class
 * @param means class means [nClasses][nFeatures]
 * @param forgettingFactor λ in (0, 1]
 * @param errorRate β in [0, 1], step of the recent-error average of the homeostatic memory ({@link HomeostaticMemory};
 *     0 = fixed forgetting factor)
 * @param recentError recent prequential error in [0, 1]
 * @param trialsLearned labelled trials learned from
 */
public record RunningNearestMean(int[] classes, double[] counts, double[][] means, double forgettingFactor,
        double errorRate, double recentError, long trialsLearned) implements OnlineModel {

    public RunningNearestMean {
        OnlineChecks.checkForgetting(forgettingFactor);
        HomeostaticMemory.checkRates(errorRate, recentError);
        if (counts.length != classes.length || means.length != classes.length) {
            throw new IllegalArgumentException(classes.length + " classes but " + counts.length + " counts and "
                    + means.length + " means.");
        }
    }

    /** An untrained model; predicts {@code classes[0]} until every class was seen. */
    public static RunningNearestMean fromScratch(int[] classes, int nFeatures, double forgettingFactor) {
        int[] sorted = OnlineChecks.checkClasses(classes);
        return new RunningNearestMean(sorted, new double[sorted.length], new double[sorted.length][nFeatures],
                forgettingFactor, 0, 0, 0);
    }

    /** The same model with the homeostatic memory on (β = {@code errorRate} > 0) or off (0); recent error reset. */
    public RunningNearestMean withHomeostasis(double errorRate) {
        return new RunningNearestMean(classes, counts, means, forgettingFactor, errorRate, 0, trialsLearned);
    }

    /** The forgetting factor the next labelled trial is learned with. */
    public double effectiveForgettingFactor() {
        return HomeostaticMemory.forgetting(forgettingFactor, recentError, classes.length);
    }

    /** Starts from calibrated class means, each counting as {@code weightPerClass} trials. */
    public static RunningNearestMean fromMeans(int[] classes, double[][] means, double weightPerClass,
            double forgettingFactor) {
        if (!(weightPerClass > 0)) {
            throw new IllegalArgumentException("Invalid value for 'weightPerClass'. It must be > 0, but got "
                    + weightPerClass + " instead.");
        }
        double[] counts = new double[classes.length];
        java.util.Arrays.fill(counts, weightPerClass);
        return new RunningNearestMean(classes.clone(), counts, OnlineChecks.copy(means), forgettingFactor, 0, 0,
                0);
    }

    @Override
    public int nFeatures() {
        return means[0].length;
    }

    @Override
    public RunningNearestMean learn(double[] x, int label) {
        OnlineChecks.checkWidth(x, nFeatures(), "RunningNearestMean");
        int k = OnlineChecks.classIndex(classes, label);
        double error = HomeostaticMemory.nextError(recentError, errorRate, predict(x) != label);
        double lambda = HomeostaticMemory.forgetting(forgettingFactor, error, classes.length);
        double[] newCounts = counts.clone();
        for (int c = 0; c < newCounts.length; c++) {
            newCounts[c] *= lambda;
        }
        newCounts[k] += 1;
        double[][] newMeans = OnlineChecks.copy(means);
        for (int j = 0; j < x.length; j++) {
            newMeans[k][j] += (x[j] - means[k][j]) / newCounts[k];
        }
        return new RunningNearestMean(classes, newCounts, newMeans, forgettingFactor, errorRate, error,
                trialsLearned + 1);
    }

    @Override
    public double[] decision(double[] x) {
        for (double c : counts) {
            if (!(c > 0)) {
                return new double[classes.length == 2 ? 1 : classes.length];
            }
        }
        return new NearestCentroidModel(classes, means).decision(x);
    }
}
