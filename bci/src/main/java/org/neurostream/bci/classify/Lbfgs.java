package org.neurostream.bci.classify;

/**
 * Limited-memory BFGS minimizer (Nocedal and Wright, Numerical Optimization, 2nd ed., algorithm 7.4) with a
 * backtracking Armijo line search. Small and deterministic; used for the logistic-regression objective, which is smooth
 * and strictly convex so the minimizer is unique.
 */
final class Lbfgs {
    /** Objective value and gradient at a point. */
    interface Objective {
        /** Writes the gradient into {@code grad} and returns the value. */
        double evaluate(double[] w, double[] grad);
    }

    /** Result of a minimization. */
    record Result(double[] w, int iterations, boolean converged) {}

    private Lbfgs() {}

    /** Minimizes from {@code w0} until the gradient's max-norm is at most {@code gtol} or {@code maxIter} steps. */
    static Result minimize(Objective f, double[] w0, double gtol, int maxIter, int memory) {
        int n = w0.length;
        double[] w = w0.clone();
        double[] g = new double[n];
        double fx = f.evaluate(w, g);
        double[][] s = new double[memory][n];
        double[][] yv = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int head = 0;
        double[] d = new double[n];
        double[] wNew = new double[n];
        double[] gNew = new double[n];
        for (int iter = 0; iter < maxIter; iter++) {
            if (maxAbs(g) <= gtol) {
                return new Result(w, iter, true);
            }
            // two-loop recursion: d = -H g
            System.arraycopy(g, 0, d, 0, n);
            for (int m = 0; m < stored; m++) {
                int i = Math.floorMod(head - 1 - m, memory);
                alpha[i] = rho[i] * dot(s[i], d);
                axpy(-alpha[i], yv[i], d);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                double gamma = dot(s[last], yv[last]) / dot(yv[last], yv[last]);
                scale(d, gamma);
            }
            for (int m = stored - 1; m >= 0; m--) {
                int i = Math.floorMod(head - 1 - m, memory);
                double beta = rho[i] * dot(yv[i], d);
                axpy(alpha[i] - beta, s[i], d);
            }
            scale(d, -1);
            double slope = dot(g, d);
            if (slope >= 0) { // not a descent direction: restart with steepest descent
                for (int j = 0; j < n; j++) {
                    d[j] = -g[j];
                }
                slope = dot(g, d);
                stored = 0;
            }
            double step = stored == 0 ? Math.min(1.0, 1.0 / Math.max(1e-300, Math.sqrt(dot(g, g)))) : 1.0;
            double fNew;
            int tries = 0;
            while (true) {
                for (int j = 0; j < n; j++) {
                    wNew[j] = w[j] + step * d[j];
                }
                fNew = f.evaluate(wNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope || tries > 60) {
                    break;
                }
                step *= 0.5;
                tries++;
            }
            if (tries > 60) {
                return new Result(w, iter, maxAbs(g) <= gtol * 10);
            }
            double[] sNew = s[head];
            double[] yNew = yv[head];
            for (int j = 0; j < n; j++) {
                sNew[j] = wNew[j] - w[j];
                yNew[j] = gNew[j] - g[j];
            }
            double sy = dot(sNew, yNew);
            if (sy > 1e-16 * Math.sqrt(dot(sNew, sNew) * dot(yNew, yNew))) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(wNew, 0, w, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
        }
        return new Result(w, maxIter, maxAbs(g) <= gtol);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
