package org.neurostream.bci.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.complex.Complex;

/**
 * Conversion of digital zeros, poles and gain to second-order sections with scipy's {@code zpk2sos(pairing='nearest')}
 * algorithm, step for step, so the sections (and their order) equal scipy's: poles closest to the unit circle go
 * last, each paired with its nearest zero.
 */
final class ZpkToSos {

    private static final double TOLERANCE = 100 * Math.ulp(1.0);

    private ZpkToSos() {
    }

    /** A root after {@code _cplxreal}: either real, or the upper half (imag &gt; 0) of a conjugate pair. */
    private record Root(Complex value, boolean real) {
    }

    static double[] nearest(List<Complex> zeros, List<Complex> poles, double gain) {
        List<Complex> z = new ArrayList<>(zeros);
        List<Complex> p = new ArrayList<>(poles);
        if (z.isEmpty() && p.isEmpty()) {
            return new double[] {gain, 0, 0, 1, 0, 0};
        }
        while (p.size() < z.size()) {
            p.add(Complex.ZERO);
        }
        while (z.size() < p.size()) {
            z.add(Complex.ZERO);
        }
        int sectionCount = (Math.max(p.size(), z.size()) + 1) / 2;
        if (p.size() % 2 == 1) {
            p.add(Complex.ZERO);
            z.add(Complex.ZERO);
        }
        List<Root> zr = complexReal(z);
        List<Root> pr = complexReal(p);
        double[] sos = new double[sectionCount * 6];
        for (int si = sectionCount - 1; si >= 0; si--) {
            int p1Index = indexWorst(pr);
            Root p1 = pr.remove(p1Index);
            long realPoles = pr.stream().filter(Root::real).count();
            long realZeros = zr.stream().filter(Root::real).count();
            double[] section;
            if (p1.real() && realPoles == 0) {
                Root z1 = zr.remove(nearestIndex(zr, p1.value(), Which.REAL));
                section = singleSection(List.of(z1.value(), Complex.ZERO), List.of(p1.value(), Complex.ZERO));
            } else if (pr.size() + 1 == zr.size() && !p1.real() && realPoles == 1 && realZeros == 1) {
                Root z1 = zr.remove(nearestIndex(zr, p1.value(), Which.COMPLEX));
                section = singleSection(List.of(z1.value(), z1.value().conjugate()),
                        List.of(p1.value(), p1.value().conjugate()));
            } else {
                Complex p2;
                if (p1.real()) {
                    int best = -1;
                    double bestDistance = Double.POSITIVE_INFINITY;
                    for (int i = 0; i < pr.size(); i++) {
                        if (pr.get(i).real()) {
                            double d = Math.abs(1 - pr.get(i).value().abs());
                            if (d < bestDistance) {
                                bestDistance = d;
                                best = i;
                            }
                        }
                    }
                    p2 = pr.remove(best).value();
                } else {
                    p2 = p1.value().conjugate();
                }
                if (!zr.isEmpty()) {
                    Root z1 = zr.remove(nearestIndex(zr, p1.value(), Which.ANY));
                    if (!z1.real()) {
                        section = singleSection(List.of(z1.value(), z1.value().conjugate()),
                                List.of(p1.value(), p2));
                    } else if (!zr.isEmpty()) {
                        Root z2 = zr.remove(nearestIndex(zr, p1.value(), Which.REAL));
                        section = singleSection(List.of(z1.value(), z2.value()), List.of(p1.value(), p2));
                    } else {
                        section = singleSection(List.of(z1.value()), List.of(p1.value(), p2));
                    }
                } else {
                    section = singleSection(List.of(), List.of(p1.value(), p2));
                }
            }
            System.arraycopy(section, 0, sos, 6 * si, 6);
        }
        sos[0] *= gain;
        sos[1] *= gain;
        sos[2] *= gain;
        return sos;
    }

    private enum Which { REAL, COMPLEX, ANY }

    private static int indexWorst(List<Root> roots) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < roots.size(); i++) {
            double d = Math.abs(1 - roots.get(i).value().abs());
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** The index of the nearest root of the requested kind; ties go to the lower index (stable sort). */
    private static int nearestIndex(List<Root> roots, Complex to, Which which) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < roots.size(); i++) {
            Root r = roots.get(i);
            if (which == Which.REAL && !r.real() || which == Which.COMPLEX && r.real()) {
                continue;
            }
            double d = r.value().subtract(to).abs();
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("No " + which + " root left to pair with pole " + to + ".");
        }
        return best;
    }

    /** Coefficients of one section from up to two zeros and two poles, right-aligned as scipy's _single_zpksos. */
    private static double[] singleSection(List<Complex> z, List<Complex> p) {
        double[] section = new double[6];
        double[] b = poly(z);
        double[] a = poly(p);
        System.arraycopy(b, 0, section, 3 - b.length, b.length);
        System.arraycopy(a, 0, section, 6 - a.length, a.length);
        return section;
    }

    private static double[] poly(List<Complex> roots) {
        if (roots.isEmpty()) {
            return new double[] {1.0};
        }
        if (roots.size() == 1) {
            return new double[] {1.0, -roots.get(0).getReal()};
        }
        Complex r1 = roots.get(0);
        Complex r2 = roots.get(1);
        Complex middle = r2.negate().add(r1.negate());
        Complex last = r1.multiply(r2);
        return new double[] {1.0, middle.getReal(), last.getReal()};
    }

    /** scipy's {@code _cplxreal}: conjugate pairs (upper halves, averaged) first, then reals, each sorted. */
    private static List<Root> complexReal(List<Complex> values) {
        List<Complex> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.<Complex>comparingDouble(Complex::getReal)
                .thenComparingDouble(c -> Math.abs(c.getImaginary())));
        List<Root> reals = new ArrayList<>();
        List<Complex> positive = new ArrayList<>();
        List<Complex> negative = new ArrayList<>();
        for (Complex c : sorted) {
            if (Math.abs(c.getImaginary()) <= TOLERANCE * c.abs()) {
                reals.add(new Root(new Complex(c.getReal()), true));
            } else if (c.getImaginary() > 0) {
                positive.add(c);
            } else {
                negative.add(c);
            }
        }
        if (positive.size() != negative.size()) {
            throw new IllegalArgumentException("Roots contain a complex value with no matching conjugate: "
                    + values + ".");
        }
        sortRunsByImaginary(positive);
        sortRunsByImaginary(negative, positive);
        List<Root> out = new ArrayList<>();
        for (int i = 0; i < positive.size(); i++) {
            Complex zp = positive.get(i);
            Complex zn = negative.get(i);
            if (zp.subtract(zn.conjugate()).abs() > TOLERANCE * zn.abs()) {
                throw new IllegalArgumentException("Roots contain a complex value with no matching conjugate: "
                        + values + ".");
            }
            out.add(new Root(zp.add(zn.conjugate()).divide(2), false));
        }
        out.addAll(reals);
        return out;
    }

    private static void sortRunsByImaginary(List<Complex> values) {
        sortRunsByImaginary(values, values);
    }

    /** Sorts runs of (nearly) equal real part by |imag|; the runs are found on {@code runSource} as scipy does. */
    private static void sortRunsByImaginary(List<Complex> values, List<Complex> runSource) {
        int n = runSource.size();
        int start = 0;
        while (start < n) {
            int stop = start;
            while (stop + 1 < n && runSource.get(stop + 1).getReal() - runSource.get(stop).getReal()
                    <= TOLERANCE * runSource.get(stop).abs()) {
                stop++;
            }
            if (stop > start) {
                List<Complex> run = new ArrayList<>(values.subList(start, stop + 1));
                run.sort(Comparator.comparingDouble(c -> Math.abs(c.getImaginary())));
                for (int i = start; i <= stop; i++) {
                    values.set(i, run.get(i - start));
                }
            }
            start = stop + 1;
        }
    }
}
