package org.neurostream.bci.filter;

import java.util.Arrays;

/**
 * An immutable IIR filter design as a cascade of second-order sections, in scipy's {@code sos} layout: section
 * {@code i} is {@code [b0, b1, b2, a0, a1, a2]} at {@code coefficients[6*i .. 6*i+5]} with {@code a0 == 1}.
 *
 * <p>The design is separate from any filter state so one design can be shared by many {@link StreamingSosFilter}s
 * (one per stream or key). {@code sampleRateHz} is the rate the design was made for; filters check it against the data
 * they are given so that a 250 Hz design is never applied to a 500 Hz stream by mistake.
 *
 * @param coefficients flattened {@code sectionCount × 6} coefficients (copied on construction and on access)
 * @param sampleRateHz sampling rate in Hz the cutoffs refer to
 */
public record SosCoefficients(double[] coefficients, double sampleRateHz) {

    public SosCoefficients {
        if (coefficients == null || coefficients.length == 0 || coefficients.length % 6 != 0) {
            throw new IllegalArgumentException("SOS coefficients must be a non-empty multiple of 6 values "
                    + "(b0, b1, b2, a0, a1, a2 per section), but got "
                    + (coefficients == null ? "null" : coefficients.length + " values") + ".");
        }
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sampleRateHz must be positive and finite, but got " + sampleRateHz + ".");
        }
        coefficients = coefficients.clone();
        for (int s = 0; s < coefficients.length / 6; s++) {
            if (coefficients[6 * s + 3] != 1.0) {
                throw new IllegalArgumentException("Section " + s + " has a0 = " + coefficients[6 * s + 3]
                        + "; second-order sections must be normalized to a0 = 1.");
            }
        }
        for (int i = 0; i < coefficients.length; i++) {
            if (!Double.isFinite(coefficients[i])) {
                throw new IllegalArgumentException("SOS coefficient " + i + " (section " + i / 6 + ") is "
                        + coefficients[i] + "; all coefficients must be finite.");
            }
        }
    }

    /** Builds a design from scipy's {@code (n_sections, 6)} layout. */
    public static SosCoefficients of(double[][] sections, double sampleRateHz) {
        double[] flat = new double[sections.length * 6];
        for (int s = 0; s < sections.length; s++) {
            if (sections[s].length != 6) {
                throw new IllegalArgumentException("Section " + s + " has " + sections[s].length
                        + " coefficients; each second-order section needs 6.");
            }
            System.arraycopy(sections[s], 0, flat, 6 * s, 6);
        }
        return new SosCoefficients(flat, sampleRateHz);
    }

    /** Number of second-order sections. */
    public int sectionCount() {
        return coefficients.length / 6;
    }

    /** Copy of the flattened coefficients. */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Coefficient {@code index} (0..5: b0, b1, b2, a0, a1, a2) of section {@code section}. */
    public double coefficient(int section, int index) {
        return coefficients[6 * section + index];
    }

    /** The sections in scipy's {@code (n_sections, 6)} layout. */
    public double[][] toSections() {
        double[][] out = new double[sectionCount()][];
        for (int s = 0; s < out.length; s++) {
            out[s] = Arrays.copyOfRange(coefficients, 6 * s, 6 * s + 6);
        }
        return out;
    }

    /** Direct read access for the filtering loops in this package (no copy). */
    double[] raw() {
        return coefficients;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SosCoefficients other && other.sampleRateHz == sampleRateHz
                && Arrays.equals(other.coefficients, coefficients);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(coefficients) + Double.hashCode(sampleRateHz);
    }

    @Override
    public String toString() {
        return "SosCoefficients[sections=" + sectionCount() + ", sampleRateHz=" + sampleRateHz + ", "
                + Arrays.toString(coefficients) + "]";
    }
}
