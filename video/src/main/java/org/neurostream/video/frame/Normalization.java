package org.neurostream.video.frame;

import java.util.Arrays;

/**
 * How pixel values are scaled after colour conversion and resizing. Input values are 8-bit grey levels, 0–255.
 */
public sealed interface Normalization extends java.io.Serializable {

    /** Leaves grey levels 0–255 as they are. */
    record None() implements Normalization {
    }

    /** Divides by 255 so values lie in [0, 1]. */
    record UnitRange() implements Normalization {
    }

    /**
     * Per channel {@code (v / 255 - mean[c]) / std[c]}: mean and standard deviation are on the [0, 1] scale, as
     * torchvision's ImageNet figures (mean 0.485, 0.456, 0.406; std 0.229, 0.224, 0.225).
     *
     * @param mean per-channel mean, one value per output channel
     * @param std per-channel standard deviation, positive, one value per output channel
     */
    record MeanStd(double[] mean, double[] std) implements Normalization {
        public MeanStd {
            mean = mean.clone();
            std = std.clone();
            if (mean.length != std.length || mean.length == 0) {
                throw new IllegalArgumentException("mean and std need one value per channel, but got "
                        + mean.length + " means and " + std.length + " standard deviations");
            }
            for (double s : std) {
                if (!(s > 0) || !Double.isFinite(s)) {
                    throw new IllegalArgumentException("std must be positive and finite, but got " + Arrays.toString(std));
                }
            }
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] std() {
            return std.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MeanStd m && Arrays.equals(mean, m.mean) && Arrays.equals(std, m.std);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
        }

        @Override
        public String toString() {
            return "MeanStd[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
        }
    }

    static Normalization none() {
        return new None();
    }

    static Normalization unitRange() {
        return new UnitRange();
    }

    static Normalization meanStd(double[] mean, double[] std) {
        return new MeanStd(mean, std);
    }
}
