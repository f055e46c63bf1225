package org.neurostream.bci.filter;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.complex.Complex;

/**
 * IIR filter design as second-order sections, computed exactly as {@code scipy.signal.iirfilter(..., output='sos',
 * fs=...)}: analog prototype poles/zeros, frequency transformation with bilinear pre-warping, bilinear transform and
 * scipy's {@code zpk2sos} pole/zero pairing ({@code 'nearest'}). Coefficients agree with scipy to about 1e-12.
 *
 * <p>All frequencies are in Hz; a cutoff at or above Nyquist ({@code sampleRateHz / 2}) is an error that states both.
 */
public final class IirDesign {

    private IirDesign() {
    }

    /**
     * Butterworth filter, as {@code scipy.signal.butter(order, cutoffsHz, btype, fs=sampleRateHz, output='sos')}.
     *
     * @param order     filter order N (band filters have 2N poles)
     * @param bandType  which band passes
     * @param sampleRateHz sampling rate in Hz
     * @param cutoffsHz one cutoff for low/high-pass, {@code low, high} for band-pass/stop, in Hz
     */
    public static SosCoefficients butterworth(int order, BandType bandType, double sampleRateHz, double... cutoffsHz) {
        checkOrder(order);
        Zpk prototype = butterworthPrototype(order);
        return digitalize(prototype, bandType, sampleRateHz, cutoffsHz);
    }

    /**
     * Chebyshev type I filter with {@code passbandRippleDb} ripple, as
     * {@code scipy.signal.cheby1(order, rp, cutoffsHz, btype, fs=sampleRateHz, output='sos')}.
     */
    public static SosCoefficients chebyshev1(int order, double passbandRippleDb, BandType bandType,
                                             double sampleRateHz, double... cutoffsHz) {
        checkOrder(order);
        if (!(passbandRippleDb > 0) || Double.isInfinite(passbandRippleDb)) {
            throw new IllegalArgumentException("passbandRippleDb must be positive and finite, but got "
                    + passbandRippleDb + ".");
        }
        double eps = Math.sqrt(Math.pow(10, 0.1 * passbandRippleDb) - 1.0);
        double mu = 1.0 / order * asinh(1 / eps);
        List<Complex> poles = new ArrayList<>();
        for (int m = -order + 1; m < order; m += 2) {
            double theta = Math.PI * m / (2 * order);
            poles.add(new Complex(mu, theta).sinh().negate());
        }
        Complex prod = Complex.ONE;
        for (Complex p : poles) {
            prod = prod.multiply(p.negate());
        }
        double k = prod.getReal();
        if (order % 2 == 0) {
            k = k / Math.sqrt(1 + eps * eps);
        }
        return digitalize(new Zpk(new ArrayList<>(), poles, k), bandType, sampleRateHz, cutoffsHz);
    }

    /**
     * Second-order IIR notch at {@code notchHz} with quality factor {@code q} (-3 dB bandwidth = notchHz / q), as
     * {@code scipy.signal.iirnotch(notchHz, q, fs=sampleRateHz)} turned into one section.
     */
    public static SosCoefficients notch(double notchHz, double q, double sampleRateHz) {
        checkRate(sampleRateHz);
        checkBelowNyquist("notchHz", notchHz, sampleRateHz);
        if (!(q > 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("Quality factor q must be positive and finite, but got " + q + ".");
        }
        double w0 = 2 * notchHz / sampleRateHz;
        double bw = w0 / q * Math.PI;
        w0 = w0 * Math.PI;
        double beta = Math.tan(bw / 2.0);
        double gain = 1.0 / (1.0 + beta);
        double c = Math.cos(w0);
        return new SosCoefficients(new double[] {gain, gain * -2.0 * c, gain, 1.0, -2.0 * gain * c, 2.0 * gain - 1.0},
                sampleRateHz);
    }

    private static Zpk butterworthPrototype(int order) {
        List<Complex> poles = new ArrayList<>();
        for (int m = -order + 1; m < order; m += 2) {
            // -exp(1j*pi*m/(2N))
            poles.add(new Complex(0, Math.PI * m / (2.0 * order)).exp().negate());
        }
        return new Zpk(new ArrayList<>(), poles, 1.0);
    }

    private static SosCoefficients digitalize(Zpk prototype, BandType bandType, double sampleRateHz,
                                              double[] cutoffsHz) {
        checkRate(sampleRateHz);
        if (cutoffsHz == null || cutoffsHz.length != bandType.cutoffCount()) {
            throw new IllegalArgumentException("A " + bandType.scipyName() + " filter needs "
                    + bandType.cutoffCount() + " cutoff frequencies, but got "
                    + (cutoffsHz == null ? 0 : cutoffsHz.length) + ".");
        }
        for (int i = 0; i < cutoffsHz.length; i++) {
            String name = cutoffsHz.length == 1 ? "cutoffHz" : (i == 0 ? "lowCutoffHz" : "highCutoffHz");
            checkBelowNyquist(name, cutoffsHz[i], sampleRateHz);
        }
        if (cutoffsHz.length == 2 && !(cutoffsHz[0] < cutoffsHz[1])) {
            throw new IllegalArgumentException("lowCutoffHz (" + cutoffsHz[0] + " Hz) must be below highCutoffHz ("
                    + cutoffsHz[1] + " Hz).");
        }
        // Normalized to Nyquist, then pre-warped with fs = 2 as scipy does.
        double fs = 2.0;
        double[] warped = new double[cutoffsHz.length];
        for (int i = 0; i < warped.length; i++) {
            double wn = cutoffsHz[i] / (sampleRateHz / 2);
            warped[i] = 2 * fs * Math.tan(Math.PI * wn / fs);
        }
        Zpk analog = switch (bandType) {
            case LOWPASS -> prototype.lowpassToLowpass(warped[0]);
            case HIGHPASS -> prototype.lowpassToHighpass(warped[0]);
            case BANDPASS -> prototype.lowpassToBandpass(Math.sqrt(warped[0] * warped[1]), warped[1] - warped[0]);
            case BANDSTOP -> prototype.lowpassToBandstop(Math.sqrt(warped[0] * warped[1]), warped[1] - warped[0]);
        };
        Zpk digital = analog.bilinear(fs);
        return new SosCoefficients(ZpkToSos.nearest(digital.zeros, digital.poles, digital.gain), sampleRateHz);
    }

    private static void checkOrder(int order) {
        if (order < 1) {
            throw new IllegalArgumentException("Filter order must be at least 1, but got " + order + ".");
        }
    }

    static void checkRate(double sampleRateHz) {
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sampleRateHz must be positive and finite, but got " + sampleRateHz
                    + ".");
        }
    }

    static void checkBelowNyquist(String name, double frequencyHz, double sampleRateHz) {
        double nyquistHz = sampleRateHz / 2;
        if (!(frequencyHz > 0)) {
            throw new IllegalArgumentException(name + " must be greater than 0 Hz, but got " + frequencyHz + " Hz.");
        }
        if (frequencyHz >= nyquistHz) {
            throw new IllegalArgumentException(name + " " + frequencyHz + " Hz must be below the Nyquist frequency "
                    + nyquistHz + " Hz (sampleRateHz " + sampleRateHz + " Hz / 2).");
        }
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /** Zeros, poles and gain of a transfer function; the transformations mirror scipy's {@code lp2*_zpk}. */
    private record Zpk(List<Complex> zeros, List<Complex> poles, double gain) {

        int degree() {
            return poles.size() - zeros.size();
        }

        Zpk lowpassToLowpass(double wo) {
            List<Complex> z = scale(zeros, wo);
            List<Complex> p = scale(poles, wo);
            return new Zpk(z, p, gain * Math.pow(wo, degree()));
        }

        Zpk lowpassToHighpass(double wo) {
            List<Complex> z = new ArrayList<>();
            for (Complex c : zeros) {
                z.add(new Complex(wo).divide(c));
            }
            List<Complex> p = new ArrayList<>();
            for (Complex c : poles) {
                p.add(new Complex(wo).divide(c));
            }
            for (int i = 0; i < degree(); i++) {
                z.add(Complex.ZERO);
            }
            return new Zpk(z, p, gain * prodNeg(zeros).divide(prodNeg(poles)).getReal());
        }

        Zpk lowpassToBandpass(double wo, double bw) {
            List<Complex> z = bandSplit(scale(zeros, bw / 2), wo);
            List<Complex> p = bandSplit(scale(poles, bw / 2), wo);
            for (int i = 0; i < degree(); i++) {
                z.add(Complex.ZERO);
            }
            return new Zpk(z, p, gain * Math.pow(bw, degree()));
        }

        Zpk lowpassToBandstop(double wo, double bw) {
            List<Complex> zh = new ArrayList<>();
            for (Complex c : zeros) {
                zh.add(new Complex(bw / 2).divide(c));
            }
            List<Complex> ph = new ArrayList<>();
            for (Complex c : poles) {
                ph.add(new Complex(bw / 2).divide(c));
            }
            List<Complex> z = bandSplit(zh, wo);
            List<Complex> p = bandSplit(ph, wo);
            for (int i = 0; i < degree(); i++) {
                z.add(new Complex(0, wo));
            }
            for (int i = 0; i < degree(); i++) {
                z.add(new Complex(0, -wo));
            }
            return new Zpk(z, p, gain * prodNeg(zeros).divide(prodNeg(poles)).getReal());
        }

        Zpk bilinear(double fs) {
            double fs2 = 2.0 * fs;
            List<Complex> z = new ArrayList<>();
            for (Complex c : zeros) {
                z.add(new Complex(fs2).add(c).divide(new Complex(fs2).subtract(c)));
            }
            List<Complex> p = new ArrayList<>();
            for (Complex c : poles) {
                p.add(new Complex(fs2).add(c).divide(new Complex(fs2).subtract(c)));
            }
            for (int i = 0; i < degree(); i++) {
                z.add(new Complex(-1));
            }
            Complex num = Complex.ONE;
            for (Complex c : zeros) {
                num = num.multiply(new Complex(fs2).subtract(c));
            }
            Complex den = Complex.ONE;
            for (Complex c : poles) {
                den = den.multiply(new Complex(fs2).subtract(c));
            }
            return new Zpk(z, p, gain * num.divide(den).getReal());
        }

        private static List<Complex> scale(List<Complex> values, double factor) {
            List<Complex> out = new ArrayList<>(values.size());
            for (Complex c : values) {
                out.add(c.multiply(factor));
            }
            return out;
        }

        /** {@code concat(x + sqrt(x^2 - wo^2), x - sqrt(x^2 - wo^2))}. */
        private static List<Complex> bandSplit(List<Complex> values, double wo) {
            List<Complex> out = new ArrayList<>(values.size() * 2);
            List<Complex> roots = new ArrayList<>(values.size());
            for (Complex c : values) {
                roots.add(c.multiply(c).subtract(wo * wo).sqrt());
            }
            for (int i = 0; i < values.size(); i++) {
                out.add(values.get(i).add(roots.get(i)));
            }
            for (int i = 0; i < values.size(); i++) {
                out.add(values.get(i).subtract(roots.get(i)));
            }
            return out;
        }

        private static Complex prodNeg(List<Complex> values) {
            Complex prod = Complex.ONE;
            for (Complex c : values) {
                prod = prod.multiply(c.negate());
            }
            return prod;
        }
    }
}
