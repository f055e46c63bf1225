package org.neurostream.bci.online;

import org.neurostream.bci.evaluate.Metrics;

/**
 * Running prequential ("test, then train") score: every trial is predicted before its label is learned, and the
 * confusion matrix of those predictions gives accuracy and Cohen's kappa over all trials so far. Immutable.
 *
 * @param confusion counts [true class index][predicted class index]
 */
public record PrequentialScore(long[][] confusion) {

    /** An empty score for {@code nClasses} classes. */
    public static PrequentialScore empty(int nClasses) {
        return new PrequentialScore(new long[nClasses][nClasses]);
    }

    /** The score with one more trial. */
    public PrequentialScore add(int trueIndex, int predictedIndex) {
        long[][] next = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            next[i] = confusion[i].clone();
        }
        next[trueIndex][predictedIndex]++;
        return new PrequentialScore(next);
    }

    /** Trials scored. */
    public long trials() {
        long n = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    /** Fraction of trials predicted right; NaN before the first trial. */
    public double accuracy() {
        long n = trials();
        long right = 0;
        for (int k = 0; k < confusion.length; k++) {
            right += confusion[k][k];
        }
        return n == 0 ? Double.NaN : (double) right / n;
    }

    /** Cohen's kappa of the predictions so far, by {@link Metrics#cohenKappa}; NaN before the first trial. */
    public double kappa() {
        int n = (int) trials();
        if (n == 0) {
            return Double.NaN;
        }
        int[] yTrue = new int[n];
        int[] yPred = new int[n];
        int i = 0;
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                for (long c = 0; c < confusion[t][p]; c++, i++) {
                    yTrue[i] = t;
                    yPred[i] = p;
                }
            }
        }
        return Metrics.cohenKappa(yTrue, yPred);
    }
}
