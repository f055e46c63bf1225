package org.neurostream.bci;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Argument checks shared by the bci estimators, with MNE-style messages that name the parameter, the allowed values
 * and what was received.
 */
public final class Checks {
    private Checks() {}

    /**
     * Fails unless {@code value} is one of {@code allowed}: "Invalid value for the 'name' parameter. Allowed values are
     * 'a' and 'b', but got 'c' instead."
     */
    public static String checkOption(String name, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("Invalid value for the '" + name + "' parameter. Allowed values are "
                    + quotedList(allowed) + ", but got '" + value + "' instead.");
        }
        return value;
    }

    /** Joins values as 'a', 'b' and 'c'. */
    public static String quotedList(List<String> values) {
        List<String> q = values.stream().map(v -> "'" + v + "'").collect(Collectors.toList());
        if (q.size() == 1) {
            return q.get(0);
        }
        return String.join(", ", q.subList(0, q.size() - 1)) + " and " + q.get(q.size() - 1);
    }

    /** Checks a feature matrix [nSamples][nFeatures]: rectangular, non-empty, finite; returns nFeatures. */
    public static int checkFeatures(String what, double[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(what + " must contain at least one sample, but got none.");
        }
        int nFeatures = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != nFeatures) {
                throw new IllegalArgumentException(what + " must be rectangular: sample 0 has " + nFeatures
                        + " features but sample " + i + " has " + x[i].length + ".");
            }
            for (int j = 0; j < nFeatures; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(what + " contains a non-finite value (" + x[i][j]
                            + ") at sample " + i + ", feature " + j + ".");
                }
            }
        }
        return nFeatures;
    }

    /** Checks epochs [nEpochs][nChannels][nTimes]: same shape for every epoch, finite values. */
    public static void checkEpochs(String what, double[][][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(what + " must contain at least one epoch, but got none.");
        }
        int nCh = x[0].length;
        int nT = nCh == 0 ? 0 : x[0][0].length;
        if (nCh == 0 || nT == 0) {
            throw new IllegalArgumentException(what + " epochs must have at least one channel and one sample, but epoch 0"
                    + " has " + nCh + " channels and " + nT + " samples.");
        }
        for (int e = 0; e < x.length; e++) {
            if (x[e].length != nCh) {
                throw new IllegalArgumentException(what + ": epoch 0 has " + nCh + " channels but epoch " + e + " has "
                        + x[e].length + ".");
            }
            for (int c = 0; c < nCh; c++) {
                if (x[e][c].length != nT) {
                    throw new IllegalArgumentException(what + ": epoch 0 has " + nT + " samples per channel but epoch "
                            + e + " channel " + c + " has " + x[e][c].length + ".");
                }
                for (int t = 0; t < nT; t++) {
                    if (!Double.isFinite(x[e][c][t])) {
                        throw new IllegalArgumentException(what + " contains a non-finite value (" + x[e][c][t]
                                + ") at epoch " + e + ", channel " + c + ", sample " + t + ".");
                    }
                }
            }
        }
    }

    /** Checks that labels match the number of samples; returns the sorted distinct class codes. */
    public static int[] checkLabels(int nSamples, int[] y, int minClasses) {
        if (y == null || y.length != nSamples) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: " + nSamples
                    + " samples but " + (y == null ? 0 : y.length) + " labels.");
        }
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        if (classes.length < minClasses) {
            throw new IllegalArgumentException("y should contain at least " + minClasses + " classes, but got "
                    + classes.length + " class(es): " + Arrays.toString(classes) + ".");
        }
        return classes;
    }

    /** Index of {@code label} in sorted {@code classes}. */
    public static int classIndex(int[] classes, int label) {
        int k = Arrays.binarySearch(classes, label);
        if (k < 0) {
            throw new IllegalArgumentException("Unknown class label " + label + "; known classes are "
                    + Arrays.toString(classes) + ".");
        }
        return k;
    }

    /** Throws the estimator's "is not fitted" error when {@code model} is null. */
    public static <T> T checkFitted(String estimator, T model) {
        if (model == null) {
            throw new IllegalStateException(estimator + " is not fitted; call fit(x, y) before using it.");
        }
        return model;
    }
}
