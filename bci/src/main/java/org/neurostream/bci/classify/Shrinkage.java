package org.neurostream.bci.classify;

/** Covariance shrinkage for LDA: none, Ledoit-Wolf ("auto" in scikit-learn) or a fixed intensity in [0, 1]. */
public sealed interface Shrinkage {

    /** No shrinkage: the empirical (maximum-likelihood) covariance. */
    record None() implements Shrinkage {}

    /** Ledoit-Wolf shrinkage computed on standardized features, as scikit-learn's {@code shrinkage='auto'}. */
    record LedoitWolf() implements Shrinkage {}

    /** A fixed intensity α: (1 − α)·S + α·(trace(S)/p)·I. */
    record Fixed(double alpha) implements Shrinkage {
        public Fixed {
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("The 'shrinkage' parameter must be a float in the range [0.0, 1.0], "
                        + "'auto' or None, but got " + alpha + " instead.");
            }
        }
    }

    static Shrinkage none() {
        return new None();
    }

    static Shrinkage auto() {
        return new LedoitWolf();
    }

    /** Parses "none", "auto" or a number in [0, 1]. */
    static Shrinkage parse(String text) {
        if (text.equalsIgnoreCase("none")) {
            return none();
        }
        if (text.equalsIgnoreCase("auto")) {
            return auto();
        }
        try {
            return new Fixed(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The 'shrinkage' parameter must be a float in the range [0.0, 1.0], "
                    + "'auto' or None, but got '" + text + "' instead.", e);
        }
    }

    /** The text {@link #parse} reads back. */
    default String text() {
        if (this instanceof Fixed f) {
            return Double.toString(f.alpha());
        }
        return this instanceof LedoitWolf ? "auto" : "none";
    }
}
