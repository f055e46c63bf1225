package org.neurostream.bci.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a fit-and-predict function over cross-validation splits and summarizes the scores as scikit-learn's
 * {@code cross_val_score} would (mean of per-fold scores), with pooled confusion matrix and chance levels.
 */
public final class CrossValidation {
    private CrossValidation() {}

    /** What one fold produced for its test indices. */
    public record FoldOutcome(int[] predicted, double[] binaryScore) {}

    /** Fits on the training indices and predicts the test indices. */
    @FunctionalInterface
    public interface FoldFitter {
        /**
         * @return predictions for {@code test} in the same order, and for two classes the decision score (positive
         *     favours the larger class code), else null
         */
        FoldOutcome fitAndPredict(int[] train, int[] test);
    }

    /** Observer of progress (e.g. a progress bar); called after each fold. */
    @FunctionalInterface
    public interface Progress {
        void foldDone(int done, int total);
    }

    /**
     * Scores over the splits.
     *
     * @param foldAccuracy accuracy per split
     * @param accuracy mean of the per-split accuracies
     * @param accuracyStd population standard deviation of the per-split accuracies
     * @param balancedAccuracy mean of the per-split balanced accuracies
     * @param kappa mean of the per-split Cohen's kappas
     * @param rocAuc mean of the per-split ROC-AUCs for two classes (splits with one class skipped), else NaN
     * @param labels class codes of the confusion matrix rows/columns
     * @param confusion confusion matrix summed over the splits
     * @param chanceLevel accuracy of always predicting the most frequent class
     * @param binomialThreshold accuracy needed to beat chance at p < 0.05 with this many epochs and classes
     */
    public record Report(double[] foldAccuracy, double accuracy, double accuracyStd, double balancedAccuracy,
            double kappa, double rocAuc, int[] labels, int[][] confusion, double chanceLevel, double binomialThreshold) {}

    public static Report run(int[] y, List<Split> splits, FoldFitter fitter, Progress progress) {
        int[] labels = Arrays.stream(y).distinct().sorted().toArray();
        int k = labels.length;
        double[] acc = new double[splits.size()];
        List<Double> bal = new ArrayList<>();
        List<Double> kap = new ArrayList<>();
        List<Double> auc = new ArrayList<>();
        int[][] confusion = new int[k][k];
        for (int s = 0; s < splits.size(); s++) {
            Split split = splits.get(s);
            FoldOutcome out = fitter.fitAndPredict(split.train(), split.test());
            int[] truth = Arrays.stream(split.test()).map(i -> y[i]).toArray();
            if (out.predicted().length != truth.length) {
                throw new IllegalStateException("Fold " + s + " returned " + out.predicted().length
                        + " predictions for " + truth.length + " test epochs.");
            }
            acc[s] = Metrics.accuracy(truth, out.predicted());
            bal.add(Metrics.balancedAccuracy(truth, out.predicted()));
            kap.add(Metrics.cohenKappa(truth, out.predicted()));
            if (k == 2 && out.binaryScore() != null && Arrays.stream(truth).distinct().count() == 2) {
                auc.add(Metrics.rocAuc(truth, out.binaryScore()));
            }
            for (int i = 0; i < truth.length; i++) {
                confusion[Arrays.binarySearch(labels, truth[i])][Arrays.binarySearch(labels, out.predicted()[i])]++;
            }
            if (progress != null) {
                progress.foldDone(s + 1, splits.size());
            }
        }
        double mean = Arrays.stream(acc).average().orElse(Double.NaN);
        double var = Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).average().orElse(Double.NaN);
        return new Report(acc, mean, Math.sqrt(var), mean(bal), mean(kap), auc.isEmpty() ? Double.NaN : mean(auc),
                labels, confusion, Metrics.chanceLevel(y), Metrics.binomialChanceThreshold(y.length, k, 0.05));
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
