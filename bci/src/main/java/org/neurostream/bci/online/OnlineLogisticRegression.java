package org.neurostream.bci.online;

import org.neurostream.bci.linalg.LedoitWolf;
import org.neurostream.bci.linalg.Matrices;

/**
 * Logistic regression trained online by stochastic gradient descent on the L2-regularized log loss, one step per
 * labelled trial: binary (sigmoid, weights [1][p], positive scores for {@code classes[1]}) for two classes,
 * multinomial (softmax, weights [nClasses][p]) for more.
 *
 * <p>Preconditioned step: the update is θ ← θ − η·P·∇ over θ = (weights of a row, intercept), with P a symmetric
 * positive definite (p + 1) × (p + 1) matrix, the intercept last. P = I is plain SGD. Started from a calibrated LDA,
 * P = M⁻¹ with M = E[x̃x̃ᵀ] the calibration's second moment of the features with a 1 appended: since the Hessian of the
 * log loss is E[σ(1 − σ)x̃x̃ᵀ] ≤ M/4, the step 4/W·M⁻¹ is 1/W of a Newton step on that bound in every direction (a
 * memory of W trials along every direction, not only the stiffest), and it is the same step whatever the units or
 * correlations of the features: SGD in the coordinates the calibration whitens, so it is invariant to any invertible
 * affine change of the features. (Plain SGD with a step set for the stiffest direction, the mean of the features,
 * barely moves along the discriminative one, so it cannot turn calibrated weights around after a concept shift.)
 *
 * <p>Concept shift, two rules. With a forgetting factor λ < 1 (started from a calibrated LDA) the weights are
 * forgotten like the statistics of {@link AdaptiveLda} and {@link RunningNearestMean}: θ ← λ_eff·θ − η_eff·P·∇ with
 * λ_eff from the homeostatic memory ({@link HomeostaticMemory}: memory W = 1/(1 − λ) scaled by the recent skill,
 * clipped to [2K, W] for K classes; the recent error 1 − {@code recentAccuracy} is updated with this trial's own
 * prediction before the step) and η_eff = η·(1 − λ_eff)/(1 − λ). The floor is two trials per class, where the LDA's is
 * two trials in all: an LDA's class means each keep their own class's last trials however short the memory, while the
 * weights of a logistic regression are one sum over trials of all classes, so two trials in all would hold at most one
 * of each, and a run of one class none of the other (the model then follows the last label). Unrolled, θ is the
 * calibrated weights times the product of the λ_eff plus an exponentially weighted sum of preconditioned gradients:
 * the calibration's share decays as λᵗ, and within a few trials after a label swap (memory 2K) the weights are made of
 * the new trials' gradients, whatever the scale of the calibrated weights. (Without forgetting, a calibrated LDA's
 * log-odds of tens are not undone by steps whose effect on a trial's margin is bounded by η·x̃ᵀPx̃ per trial: the log
 * loss is linear for confident mistakes.) The decay is a common factor of all weights and the intercept, so it never
 * changes a prediction by itself.
 * With forgetting, P also follows the trials the weights remember: P = M⁻¹ with M ← λ_eff·M + (1 − λ_eff)·x̃x̃ᵀ
 * (Sherman–Morrison on P), the calibration's M decaying as the weights do, updated with the trial before its step.
 * The step 4(1 − λ_eff)·M⁻¹ is then 1/W_eff of a Newton step on the bound of the Hessian of the trials it remembers,
 * not of the calibration's: a later session whose features moved away from the calibration (x̃ᵀPx̃ of 16–53 on S002
 * instead of p + 1 = 5) made steps that moved a trial's own margin by tens and decided the next trials by that jump;
 * with the remembered M a trial's leverage x̃ᵀM⁻¹x̃ is at most W_eff. The step uses M̂⁻¹, M̂ the remembered M with
 * its covariance shrunk towards its scaled identity by the Oracle Approximating Shrinkage intensity for the memory's
 * effective number of trials (1 + λ_eff)/(1 − λ_eff) ({@link #shrunkInverse}): the calibration's M is built from a
 * shrunk covariance, and a raw moment of 7–29 effective trials is ill-conditioned, so its inverse made noisy steps
 * along weak directions on data from the calibration's own law. State keeps the unshrunk M⁻¹.
 * With λ = 1 (from scratch, from a calibrated logistic regression, and state written before version 4 of the
 * classifier state) the step is {@code learningRate · (1 + boost · (1 − recentAccuracy))} with the recent accuracy
 * updated after the step: it rises when the model starts failing and settles when it is right again.
 *
 * @param classes sorted class codes
 * @param coef weights [1][p] (two classes) or [nClasses][p]
 * @param intercept [1] or [nClasses]
 * @param preconditioner P [(p + 1)][(p + 1)], symmetric positive definite, intercept last (identity = plain SGD);
 *     with λ < 1 the inverse of the remembered (unshrunk) second moment, updated on every trial
 * @param forgettingFactor λ in (0, 1]: memory 1/(1 − λ) trials of the homeostatic weight forgetting; 1 = none (the
 *     boosted step instead)
 * @param learningRate base step size
 * @param l2 L2 penalty per step (weights only)
 * @param boost how much the step grows at zero recent accuracy (0 = constant step; only with λ = 1)
 * @param accuracyRate step of the recent-accuracy average, in (0, 1]
 * @param recentAccuracy current recent accuracy in [0, 1]
 * @param trialsLearned labelled trials learned from
 */
public record OnlineLogisticRegression(int[] classes, double[][] coef, double[] intercept, double[][] preconditioner,
        double forgettingFactor, double learningRate, double l2, double boost, double accuracyRate,
        double recentAccuracy, long trialsLearned)
        implements OnlineModel {

    public OnlineLogisticRegression {
        if (!(forgettingFactor > 0 && forgettingFactor <= 1)) {
            throw new IllegalArgumentException("Online logistic regression needs a forgetting factor in (0, 1], but"
                    + " got " + forgettingFactor + ".");
        }
        if (!(learningRate > 0) || !(l2 >= 0) || !(boost >= 0) || !(accuracyRate > 0 && accuracyRate <= 1)) {
            throw new IllegalArgumentException("Online logistic regression needs learningRate > 0, l2 >= 0, boost >= 0"
                    + " and accuracyRate in (0, 1], but got " + learningRate + ", " + l2 + ", " + boost + ", "
                    + accuracyRate + ".");
        }
        int rows = classes.length == 2 ? 1 : classes.length;
        if (coef.length != rows || intercept.length != rows) {
            throw new IllegalArgumentException(classes.length + " classes need " + rows + " weight rows, but got "
                    + coef.length + " and " + intercept.length + " intercepts.");
        }
        int p = coef[0].length + 1;
        if (preconditioner.length != p || java.util.Arrays.stream(preconditioner).anyMatch(r -> r.length != p)) {
            throw new IllegalArgumentException("Online logistic regression with " + (p - 1) + " features needs a "
                    + p + " x " + p + " preconditioner, but got " + preconditioner.length + " rows.");
        }
    }


    /** All weights zero; recent accuracy starts at 1. */
    public static OnlineLogisticRegression fromScratch(int[] classes, int nFeatures, double learningRate, double l2,
            double boost, double accuracyRate) {
        int[] sorted = OnlineChecks.checkClasses(classes);
        int rows = sorted.length == 2 ? 1 : sorted.length;
        return new OnlineLogisticRegression(sorted, new double[rows][nFeatures], new double[rows],
                Matrices.identity(nFeatures + 1), 1, learningRate, l2, boost, accuracyRate, 1.0, 0);
    }

    /**
     * Starts from a calibrated linear model (logistic regression, or LDA whose scores are log-odds too), learning by
     * plain SGD (P = I).
     */
    public static OnlineLogisticRegression fromLinear(int[] classes, double[][] coef, double[] intercept,
            double learningRate, double l2, double boost, double accuracyRate) {
        return new OnlineLogisticRegression(classes.clone(), OnlineChecks.copy(coef), intercept.clone(),
                Matrices.identity(coef[0].length + 1), 1, learningRate, l2, boost, accuracyRate, 1.0, 0);
    }

    /** The same model learning with preconditioner {@code p} ((p + 1) × (p + 1), intercept last). */
    public OnlineLogisticRegression withPreconditioner(double[][] p) {
        return new OnlineLogisticRegression(classes, coef, intercept, OnlineChecks.copy(p), forgettingFactor,
                learningRate, l2, boost, accuracyRate, recentAccuracy, trialsLearned);
    }

    /**
     * The same model forgetting its weights with factor {@code lambda} and the homeostatic memory (see the class
     * comment); the boost is then unused.
     */
    public OnlineLogisticRegression withForgetting(double lambda) {
        return new OnlineLogisticRegression(classes, coef, intercept, preconditioner, lambda, learningRate, l2, boost,
                accuracyRate, recentAccuracy, trialsLearned);
    }

    @Override
    public int nFeatures() {
        return coef[0].length;
    }

    /** The step size for the next update if it is predicted right (with λ = 1: whether right or wrong). */
    public double currentStep() {
        return forgettingFactor < 1 ? learningRate * (1 - forgetting(1 - recentAccuracy)) / (1 - forgettingFactor)
                : learningRate * (1 + boost * (1 - recentAccuracy));
    }

    /**
     * λ_eff of the homeostatic memory at recent error {@code recentError}, with the shortest memory 2 trials per class
     * (see the class comment).
     */
    private double forgetting(double recentError) {
        return HomeostaticMemory.forgetting(forgettingFactor, recentError, classes.length,
                classes.length * HomeostaticMemory.MIN_MEMORY_TRIALS);
    }

    @Override
    public double[] decision(double[] x) {
        double[] out = new double[coef.length];
        for (int k = 0; k < coef.length; k++) {
            double s = intercept[k];
            for (int j = 0; j < x.length; j++) {
                s += coef[k][j] * x[j];
            }
            out[k] = s;
        }
        return out;
    }

    @Override
    public OnlineLogisticRegression learn(double[] x, int label) {
        OnlineChecks.checkWidth(x, nFeatures(), "OnlineLogisticRegression");
        int target = OnlineChecks.classIndex(classes, label);
        boolean correct = predict(x) == label;
        double decay = 1;
        double eta = currentStep();
        double acc = (1 - accuracyRate) * recentAccuracy + accuracyRate * (correct ? 1 : 0);
        double[][] remembered = preconditioner;
        double[][] pre = preconditioner;
        if (forgettingFactor < 1) { // the error of this trial already sets the memory it is learned with
            decay = forgetting(1 - acc);
            eta = learningRate * (1 - decay) / (1 - forgettingFactor);
            remembered = rememberSecondMoment(preconditioner, x, decay);
            pre = shrunkInverse(remembered, (1 + decay) / (1 - decay));
        }
        double[] z = decision(x);
        double[] err = new double[coef.length];
        if (coef.length == 1) {
            double prob = 1 / (1 + Math.exp(-z[0]));
            err[0] = prob - (target == 1 ? 1 : 0);
        } else {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int k = 0; k < z.length; k++) {
                err[k] = Math.exp(z[k] - max);
                sum += err[k];
            }
            for (int k = 0; k < z.length; k++) {
                err[k] = err[k] / sum - (k == target ? 1 : 0);
            }
        }
        int p = x.length;
        double[][] w = OnlineChecks.copy(coef);
        double[] b = intercept.clone();
        double[] grad = new double[p + 1];
        for (int k = 0; k < w.length; k++) {
            for (int j = 0; j < p; j++) {
                grad[j] = err[k] * x[j] + l2 * coef[k][j];
            }
            grad[p] = err[k];
            for (int i = 0; i < p; i++) {
                w[k][i] = decay * w[k][i] - eta * dot(pre[i], grad);
            }
            b[k] = decay * b[k] - eta * dot(pre[p], grad);
        }
        return new OnlineLogisticRegression(classes, w, b, remembered, forgettingFactor, learningRate, l2, boost,
                accuracyRate, acc, trialsLearned + 1);
    }

    /**
     * P' = M'⁻¹ for M' = λ·M + (1 − λ)·x̃x̃ᵀ, M = P⁻¹, x̃ = (x, 1): the second moment remembered with the weights'
     * memory, by the Sherman–Morrison formula P' = (P − (1 − λ)·Px̃x̃ᵀP / (λ + (1 − λ)·x̃ᵀPx̃)) / λ.
     */
    static double[][] rememberSecondMoment(double[][] p, double[] x, double lambda) {
        int n = p.length;
        double[] px = new double[n];
        for (int i = 0; i < n; i++) {
            double s = p[i][n - 1];
            for (int j = 0; j < n - 1; j++) {
                s += p[i][j] * x[j];
            }
            px[i] = s;
        }
        double q = px[n - 1];
        for (int j = 0; j < n - 1; j++) {
            q += x[j] * px[j];
        }
        double c = (1 - lambda) / (lambda + (1 - lambda) * q);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = (p[i][j] - c * px[i] * px[j]) / lambda;
            }
        }
        return out;
    }

    /**
     * M̂⁻¹ for M = P⁻¹ = s·[[S + mmᵀ, m], [mᵀ, 1]] (intercept last) with the covariance S shrunk towards its scaled
     * identity, Ŝ = (1 − ρ)·S + ρ·(tr S / p)·I, by the Oracle Approximating Shrinkage intensity for {@code n}
     * samples (Chen, Wiesel, Eldar and Hero 2010, as scikit-learn's {@code oas} computes it from a covariance):
     * ρ = min(1, (a + μ²) / ((n + 1)(a − μ²/p))), μ = tr S / p, a = Σᵢⱼ Sᵢⱼ² / p². The mean m is kept.
     */
    static double[][] shrunkInverse(double[][] pre, double n) {
        double[][] m2 = Matrices.solve(pre, Matrices.identity(pre.length));
        int p = pre.length - 1;
        double s = m2[p][p];
        double[] mean = new double[p];
        for (int i = 0; i < p; i++) {
            mean[i] = (m2[i][p] + m2[p][i]) / (2 * s);
        }
        double[][] cov = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                cov[i][j] = (m2[i][j] + m2[j][i]) / (2 * s) - mean[i] * mean[j];
            }
        }
        double mu = Matrices.trace(cov) / p;
        double a = 0;
        for (double[] row : cov) {
            for (double v : row) {
                a += v * v;
            }
        }
        a /= (double) p * p;
        double den = (n + 1) * (a - mu * mu / p);
        double rho = den <= 0 ? 1 : Math.min(1, (a + mu * mu) / den);
        double[][] shrunkCov = LedoitWolf.shrink(cov, rho);
        double[][] shrunk = new double[p + 1][p + 1];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                shrunk[i][j] = s * (shrunkCov[i][j] + mean[i] * mean[j]);
            }
            shrunk[i][p] = s * mean[i];
            shrunk[p][i] = s * mean[i];
        }
        shrunk[p][p] = s;
        double[][] inv = Matrices.solve(shrunk, Matrices.identity(p + 1));
        for (int i = 0; i <= p; i++) { // symmetric to the last bit, as a preconditioner must be
            for (int j = 0; j < i; j++) {
                double v = (inv[i][j] + inv[j][i]) / 2;
                inv[i][j] = v;
                inv[j][i] = v;
            }
        }
        return inv;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
