package org.neurostream.bci.spectral;

import java.util.Locale;

/**
 * Window functions computed as {@code scipy.signal.get_window}: {@code periodic = true} is scipy's default
 * {@code fftbins=True} (DFT-even, for spectral analysis), {@code periodic = false} the symmetric window used for FIR
 * design. Names: {@code hann}, {@code hamming}, {@code blackman}, {@code boxcar} (alias {@code rectangular}), optionally
 * with scipy's {@code _periodic}/{@code _symmetric} suffix which overrides the flag.
 */
public final class Windows {

    private Windows() {
    }

    /** The window {@code name} of {@code length} samples. */
    public static double[] get(String name, int length, boolean periodic) {
        if (length < 0) {
            throw new IllegalArgumentException("Window length must be >= 0, but got " + length + ".");
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (key.endsWith("_periodic")) {
            periodic = true;
            key = key.substring(0, key.length() - "_periodic".length());
        } else if (key.endsWith("_symmetric")) {
            periodic = false;
            key = key.substring(0, key.length() - "_symmetric".length());
        }
        double[] coefficients = switch (key) {
            case "hann", "hanning" -> new double[] {0.5, 0.5};
            case "hamming" -> new double[] {0.54, 0.46};
            case "blackman" -> new double[] {0.42, 0.50, 0.08};
            case "boxcar", "rectangular", "rect", "ones" -> new double[] {1.0};
            default -> throw new IllegalArgumentException("Invalid value for 'window'. Allowed values are 'hann', "
                    + "'hamming', 'blackman' and 'boxcar', but got '" + name + "' instead.");
        };
        return generalCosine(length, coefficients, !periodic);
    }

    /** scipy's {@code general_cosine(M, a, sym)}. */
    static double[] generalCosine(int length, double[] a, boolean symmetric) {
        if (length <= 1) {
            double[] ones = new double[length];
            java.util.Arrays.fill(ones, 1.0);
            return ones;
        }
        int m = symmetric ? length : length + 1;
        double step = 2 * Math.PI / (m - 1);
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            double fac = i == m - 1 ? Math.PI : i * step + -Math.PI;
            double v = 0;
            for (int k = 0; k < a.length; k++) {
                v += a[k] * Math.cos(k * fac);
            }
            w[i] = v;
        }
        return w;
    }
}
