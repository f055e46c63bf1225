package org.neurostream.bci.online;

import java.util.Arrays;

/** Argument checks shared by the online models. */
final class OnlineChecks {
    private OnlineChecks() {}

    static void checkWidth(double[] x, int nFeatures, String model) {
        if (x.length != nFeatures) {
            throw new IllegalArgumentException("X has " + x.length + " features, but " + model + " is expecting "
                    + nFeatures + " features as input.");
        }
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException("Feature " + j + " is " + x[j] + "; " + model
                        + " only takes finite features.");
            }
        }
    }

    static int classIndex(int[] classes, int label) {
        int k = Arrays.binarySearch(classes, label);
        if (k < 0) {
            throw new IllegalArgumentException("Label " + label + " is not one of the model's classes "
                    + Arrays.toString(classes) + ".");
        }
        return k;
    }

    static void checkForgetting(double forgettingFactor) {
        if (!(forgettingFactor > 0 && forgettingFactor <= 1)) {
            throw new IllegalArgumentException("Invalid value for 'forgettingFactor'. It must be in (0, 1] (1 = never "
                    + "forget), but got " + forgettingFactor + " instead.");
        }
    }

    static int[] checkClasses(int[] classes) {
        if (classes.length < 2) {
            throw new IllegalArgumentException("An online classifier needs at least 2 classes, but got "
                    + Arrays.toString(classes) + ".");
        }
        int[] sorted = classes.clone();
        Arrays.sort(sorted);
        for (int k = 1; k < sorted.length; k++) {
            if (sorted[k] == sorted[k - 1]) {
                throw new IllegalArgumentException("Duplicate class code " + sorted[k] + " in "
                        + Arrays.toString(classes) + ".");
            }
        }
        return sorted;
    }

    static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
