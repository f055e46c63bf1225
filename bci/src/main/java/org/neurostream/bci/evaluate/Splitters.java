package org.neurostream.bci.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Cross-validation splits with scikit-learn's semantics (no shuffling unless a seed is given):
 * {@code KFold(k)}, {@code StratifiedKFold(k)}, {@code ShuffleSplit(n, test_size, random_state)} and
 * {@code LeaveOneGroupOut()} (leave-one-run-out). Test indices come out in ascending order as scikit-learn gives them;
 * ShuffleSplit keeps its permutation order.
 */
public final class Splitters {
    private Splitters() {}

    /** {@code KFold(k)}: contiguous folds, the first n mod k folds one sample larger. */
    public static List<Split> kFold(int nSamples, int k) {
        checkFolds(nSamples, k);
        List<Split> out = new ArrayList<>();
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = nSamples / k + (f < nSamples % k ? 1 : 0);
            int s0 = start;
            int s1 = start + size;
            int[] test = IntStream.range(s0, s1).toArray();
            int[] train = IntStream.range(0, nSamples).filter(i -> i < s0 || i >= s1).toArray();
            out.add(new Split(train, test));
            start = s1;
        }
        return out;
    }

    /**
     * {@code StratifiedKFold(k)} without shuffling: classes ordered by first appearance, sorted labels dealt to folds
     * round-robin to fix each fold's class counts, then each class's samples fill the folds in order.
     */
    public static List<Split> stratifiedKFold(int[] y, int k) {
        int n = y.length;
        checkFolds(n, k);
        int[] firstSeen = Arrays.stream(y).distinct().toArray();
        int nClasses = firstSeen.length;
        int[] encoded = new int[n];
        int[] sortedUnique = Arrays.stream(y).distinct().sorted().toArray();
        // numpy: y_idx = first index of each sorted class; class_perm = rank of y_idx → order of first appearance
        int[] firstIndex = new int[nClasses];
        for (int c = 0; c < nClasses; c++) {
            final int label = sortedUnique[c];
            firstIndex[c] = IntStream.range(0, n).filter(i -> y[i] == label).findFirst().orElseThrow();
        }
        int[] byFirst = IntStream.range(0, nClasses).boxed().sorted((a, b) -> Integer.compare(firstIndex[a], firstIndex[b]))
                .mapToInt(Integer::intValue).toArray();
        int[] perm = new int[nClasses];
        for (int r = 0; r < nClasses; r++) {
            perm[byFirst[r]] = r;
        }
        int[] counts = new int[nClasses];
        for (int i = 0; i < n; i++) {
            encoded[i] = perm[Arrays.binarySearch(sortedUnique, y[i])];
            counts[encoded[i]]++;
        }
        for (int c = 0; c < nClasses; c++) {
            if (counts[c] < k) {
                throw new IllegalArgumentException("n_splits=" + k + " cannot be greater than the number of members in"
                        + " each class (class " + firstSeen[c] + " has " + counts[c] + ").");
            }
        }
        int[] yOrder = Arrays.stream(encoded).sorted().toArray();
        int[][] allocation = new int[k][nClasses];
        for (int f = 0; f < k; f++) {
            for (int i = f; i < n; i += k) {
                allocation[f][yOrder[i]]++;
            }
        }
        int[] testFold = new int[n];
        for (int c = 0; c < nClasses; c++) {
            int[] foldsForClass = new int[counts[c]];
            int p = 0;
            for (int f = 0; f < k; f++) {
                for (int r = 0; r < allocation[f][c]; r++) {
                    foldsForClass[p++] = f;
                }
            }
            int q = 0;
            for (int i = 0; i < n; i++) {
                if (encoded[i] == c) {
                    testFold[i] = foldsForClass[q++];
                }
            }
        }
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            final int fold = f;
            out.add(new Split(IntStream.range(0, n).filter(i -> testFold[i] != fold).toArray(),
                    IntStream.range(0, n).filter(i -> testFold[i] == fold).toArray()));
        }
        return out;
    }

    /**
     * {@code ShuffleSplit(nSplits, test_size=testFraction, random_state=seed)}: per split one numpy permutation; the
     * first ceil(testFraction·n) indices are the test set, the rest the training set.
     */
    public static List<Split> shuffleSplit(int nSamples, int nSplits, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test_size=" + testFraction + " should be in the range (0, 1).");
        }
        int nTest = (int) Math.ceil(testFraction * nSamples);
        int nTrain = nSamples - nTest;
        if (nTrain < 1 || nTest < 1) {
            throw new IllegalArgumentException("With n_samples=" + nSamples + " and test_size=" + testFraction
                    + ", the resulting train set or test set would be empty.");
        }
        NumpyRandomState rng = new NumpyRandomState(seed);
        List<Split> out = new ArrayList<>();
        for (int s = 0; s < nSplits; s++) {
            int[] p = rng.permutation(nSamples);
            out.add(new Split(Arrays.copyOfRange(p, nTest, nSamples), Arrays.copyOfRange(p, 0, nTest)));
        }
        return out;
    }

    /** {@code LeaveOneGroupOut()}: one split per distinct group (e.g. run), in ascending group order. */
    public static List<Split> leaveOneGroupOut(int[] groups) {
        int[] distinct = Arrays.stream(groups).distinct().sorted().toArray();
        if (distinct.length < 2) {
            throw new IllegalArgumentException("Leave-one-run-out needs at least 2 runs, but all " + groups.length
                    + " epochs come from run " + (distinct.length == 0 ? "none" : distinct[0]) + ".");
        }
        List<Split> out = new ArrayList<>();
        for (int g : distinct) {
            out.add(new Split(IntStream.range(0, groups.length).filter(i -> groups[i] != g).toArray(),
                    IntStream.range(0, groups.length).filter(i -> groups[i] == g).toArray()));
        }
        return out;
    }

    private static void checkFolds(int n, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold cross-validation requires at least one train/test split by "
                    + "setting n_splits=2 or more, got n_splits=" + k + ".");
        }
        if (k > n) {
            throw new IllegalArgumentException("Cannot have number of splits n_splits=" + k + " greater than the number"
                    + " of samples: n_samples=" + n + ".");
        }
    }
}
