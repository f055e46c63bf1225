package org.neurostream.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Summaries of the end-to-end harnesses' repeated runs, the one way they compute them. */
public final class HarnessStats {
    private HarnessStats() {}

    /** The median of {@code values} (the mean of the middle two for an even count); the array is not changed. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("The median of no values is undefined.");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The median of {@code f} over {@code runs}. */
    public static <T> double median(List<T> runs, ToDoubleFunction<T> f) {
        return median(runs.stream().mapToDouble(f).toArray());
    }
}
