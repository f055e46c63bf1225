package org.neurostream.bci.select;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.neurostream.bci.Checks;

/**
 * Per-feature class separability for two classes, the maps BCI calibration tools draw over channels × frequency bins
 * (BCI2000's and HappyFeat's "R² map"), and top-k selection on them.
 *
 * <ul>
 *   <li>signed R²: r·|r| where r is Pearson's correlation between the feature and the class indicator (0 for the
 *       smaller class code, 1 for the larger); positive when the larger class has the larger mean;</li>
 *   <li>Fisher score: (μ₁ − μ₀)² / (σ₁² + σ₀²) with population variances.</li>
 * </ul>
 * A constant feature scores 0.
 */
public final class FeatureScores {
    private FeatureScores() {}

    /** Signed R² of every column of {@code x} [nSamples][nFeatures]. */
    public static double[] signedR2(double[][] x, int[] y) {
        int p = Checks.checkFeatures("X", x);
        int[] classes = twoClasses(x.length, y);
        double[] out = new double[p];
        int n = x.length;
        for (int j = 0; j < p; j++) {
            double my = 0;
            double mx = 0;
            for (int i = 0; i < n; i++) {
                my += (y[i] == classes[1] ? 1 : 0);
                mx += x[i][j];
            }
            my /= n;
            mx /= n;
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                double dy = (y[i] == classes[1] ? 1 : 0) - my;
                double dx = x[i][j] - mx;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
            double r = sxx == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
            out[j] = r * Math.abs(r);
        }
        return out;
    }

    /** Fisher score of every column of {@code x}. */
    public static double[] fisher(double[][] x, int[] y) {
        int p = Checks.checkFeatures("X", x);
        int[] classes = twoClasses(x.length, y);
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            double[] m = new double[2];
            double[] v = new double[2];
            int[] count = new int[2];
            for (int i = 0; i < x.length; i++) {
                int k = y[i] == classes[1] ? 1 : 0;
                m[k] += x[i][j];
                count[k]++;
            }
            m[0] /= count[0];
            m[1] /= count[1];
            for (int i = 0; i < x.length; i++) {
                int k = y[i] == classes[1] ? 1 : 0;
                v[k] += (x[i][j] - m[k]) * (x[i][j] - m[k]);
            }
            double pooled = v[0] / count[0] + v[1] / count[1];
            out[j] = pooled == 0 ? 0 : (m[1] - m[0]) * (m[1] - m[0]) / pooled;
        }
        return out;
    }

    /** Indices of the {@code k} largest |score|, best first; ties keep the lower index first. */
    public static int[] topK(double[] scores, int k) {
        if (k < 1 || k > scores.length) {
            throw new IllegalArgumentException("Invalid value for the 'k' parameter: it must be between 1 and the number"
                    + " of features (" + scores.length + "), but got " + k + " instead.");
        }
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(scores[i])).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** The columns {@code columns} of {@code x}. */
    public static double[] pick(double[] row, int[] columns) {
        double[] out = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = row[columns[i]];
        }
        return out;
    }

    private static int[] twoClasses(int n, int[] y) {
        int[] classes = Checks.checkLabels(n, y, 2);
        if (classes.length != 2) {
            throw new IllegalArgumentException("Separability maps compare two classes, but got " + classes.length
                    + " classes " + Arrays.toString(classes) + ".");
        }
        return classes;
    }
}
