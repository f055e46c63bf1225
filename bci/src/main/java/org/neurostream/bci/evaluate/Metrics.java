package org.neurostream.bci.evaluate;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.BinomialDistribution;

/** Classification scores with scikit-learn's definitions, plus chance levels for BCI reporting. */
public final class Metrics {
    private Metrics() {}

    /** Fraction of correct predictions. */
    public static double accuracy(int[] yTrue, int[] yPred) {
        check(yTrue, yPred);
        int ok = 0;
        for (int i = 0; i < yTrue.length; i++) {
            ok += yTrue[i] == yPred[i] ? 1 : 0;
        }
        return (double) ok / yTrue.length;
    }

    /** Sorted union of the labels in both arrays (scikit-learn's {@code unique_labels}). */
    public static int[] labels(int[] yTrue, int[] yPred) {
        return IntStream.concat(Arrays.stream(yTrue), Arrays.stream(yPred)).distinct().sorted().toArray();
    }

    /** Confusion matrix: rows true class, columns predicted class, both in {@link #labels} order. */
    public static int[][] confusionMatrix(int[] yTrue, int[] yPred) {
        check(yTrue, yPred);
        int[] labels = labels(yTrue, yPred);
        int[][] cm = new int[labels.length][labels.length];
        for (int i = 0; i < yTrue.length; i++) {
            cm[Arrays.binarySearch(labels, yTrue[i])][Arrays.binarySearch(labels, yPred[i])]++;
        }
        return cm;
    }

    /** Mean per-class recall over the classes present in {@code yTrue}. */
    public static double balancedAccuracy(int[] yTrue, int[] yPred) {
        int[][] cm = confusionMatrix(yTrue, yPred);
        double sum = 0;
        int present = 0;
        for (int c = 0; c < cm.length; c++) {
            int rowSum = Arrays.stream(cm[c]).sum();
            if (rowSum > 0) {
                sum += (double) cm[c][c] / rowSum;
                present++;
            }
        }
        return sum / present;
    }

    /** Cohen's kappa: (p_o − p_e) / (1 − p_e). */
    public static double cohenKappa(int[] yTrue, int[] yPred) {
        int[][] cm = confusionMatrix(yTrue, yPred);
        int k = cm.length;
        double n = yTrue.length;
        double po = 0;
        double pe = 0;
        for (int c = 0; c < k; c++) {
            po += cm[c][c] / n;
            double row = 0;
            double col = 0;
            for (int j = 0; j < k; j++) {
                row += cm[c][j];
                col += cm[j][c];
            }
            pe += row / n * (col / n);
        }
        return (po - pe) / (1 - pe);
    }

    /**
     * Area under the ROC curve for two classes: the probability that a sample of the larger label scores above one of
     * the smaller label, ties counting one half (Mann-Whitney U / (n₊·n₋)), equal to scikit-learn's roc_auc_score.
     */
    public static double rocAuc(int[] yTrue, double[] score) {
        if (yTrue.length != score.length) {
            throw new IllegalArgumentException("y_true has " + yTrue.length + " samples but the scores have "
                    + score.length + ".");
        }
        int[] classes = Arrays.stream(yTrue).distinct().sorted().toArray();
        if (classes.length != 2) {
            throw new IllegalArgumentException("ROC-AUC needs exactly two classes in y_true, but got "
                    + Arrays.toString(classes) + ".");
        }
        int n = yTrue.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double[] ranks = new double[n];
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int m = i; m <= j; m++) {
                ranks[order[m]] = r;
            }
            i = j + 1;
        }
        double nPos = 0;
        double rankSum = 0;
        for (int i = 0; i < n; i++) {
            if (yTrue[i] == classes[1]) {
                nPos++;
                rankSum += ranks[i];
            }
        }
        double nNeg = n - nPos;
        return (rankSum - nPos * (nPos + 1) / 2) / (nPos * nNeg);
    }

    /** Empirical chance level: the accuracy of always predicting the most frequent class. */
    public static double chanceLevel(int[] y) {
        int[] classes = Arrays.stream(y).distinct().toArray();
        int best = 0;
        for (int c : classes) {
            best = Math.max(best, (int) Arrays.stream(y).filter(v -> v == c).count());
        }
        return (double) best / y.length;
    }

    /**
     * Accuracy a classifier must exceed to be better than chance at significance {@code alpha}, for {@code nTrials}
     * test trials and {@code nClasses} equiprobable classes: the binomial (1 − α) quantile divided by the trials, as
     * {@code scipy.stats.binom.ppf(1 − α, n, 1/c) / n} (Combrisson and Jerbi, J. Neurosci. Methods 250, 2015).
     */
    public static double binomialChanceThreshold(int nTrials, int nClasses, double alpha) {
        if (nTrials < 1 || nClasses < 2 || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("Need nTrials >= 1, nClasses >= 2 and 0 < alpha < 1, but got nTrials="
                    + nTrials + ", nClasses=" + nClasses + ", alpha=" + alpha + ".");
        }
        BinomialDistribution b = new BinomialDistribution(null, nTrials, 1.0 / nClasses);
        return (double) b.inverseCumulativeProbability(1 - alpha) / nTrials;
    }

    private static void check(int[] yTrue, int[] yPred) {
        if (yTrue.length != yPred.length || yTrue.length == 0) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: "
                    + yTrue.length + " true labels and " + yPred.length + " predictions.");
        }
    }
}
