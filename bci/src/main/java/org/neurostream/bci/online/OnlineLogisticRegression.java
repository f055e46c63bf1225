package org.neurostream.bci.online;

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
 * <p>Homeostatic learning rate for concept shift: {@code recentAccuracy} is an exponential moving average (step
 * {@code accuracyRate}) of whether each trial was predicted right before learning from it, and the step size is
 * {@code learningRate · (1 + boost · (1 − recentAccuracy))}: it rises when the model starts failing and settles when
 * it is right again.
 *
 * @param classes sorted class codes
 * @param coef weights [1][p] (two classes) or [nClasses][p]
 * @param intercept [1] or [nClasses]
 * @param preconditioner P [(p + 1)][(p + 1)], symmetric positive definite, intercept last (identity = plain SGD)
 * @param learningRate base step size
 * @param l2 L2 penalty per step (weights only)
 * @param boost how much the step grows at zero recent accuracy (0 = constant step)
 * @param accuracyRate step of the recent-accuracy average, in (0, 1]
 * @param recentAccuracy current recent accuracy in [0, 1]
 * @param trialsLearned labelled trials learned from
 */
public record OnlineLogisticRegression(int[] classes, double[][] coef, double[] intercept, double[][] preconditioner,
        double learningRate, double l2, double boost, double accuracyRate, double recentAccuracy, long trialsLearned)
        implements OnlineModel {

    public OnlineLogisticRegression {
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
        return new OnlineLogisticRegression(sorted, new double[rows][nFeatures], new double[rows], Matrices.identity(nFeatures + 1),
                learningRate, l2, boost, accuracyRate, 1.0, 0);
    }

    /**
     * Starts from a calibrated linear model (logistic regression, or LDA whose scores are log-odds too), learning by
     * plain SGD (P = I).
     */
    public static OnlineLogisticRegression fromLinear(int[] classes, double[][] coef, double[] intercept,
            double learningRate, double l2, double boost, double accuracyRate) {
        return new OnlineLogisticRegression(classes.clone(), OnlineChecks.copy(coef), intercept.clone(),
                Matrices.identity(coef[0].length + 1), learningRate, l2, boost, accuracyRate, 1.0, 0);
    }

    /** The same model learning with preconditioner {@code p} ((p + 1) × (p + 1), intercept last). */
    public OnlineLogisticRegression withPreconditioner(double[][] p) {
        return new OnlineLogisticRegression(classes, coef, intercept, OnlineChecks.copy(p), learningRate, l2, boost,
                accuracyRate, recentAccuracy, trialsLearned);
    }

    @Override
    public int nFeatures() {
        return coef[0].length;
    }

    /** The step size for the next update. */
    public double currentStep() {
        return learningRate * (1 + boost * (1 - recentAccuracy));
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
        double eta = currentStep();
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
                w[k][i] -= eta * dot(preconditioner[i], grad);
            }
            b[k] -= eta * dot(preconditioner[p], grad);
        }
        double acc = (1 - accuracyRate) * recentAccuracy + accuracyRate * (correct ? 1 : 0);
        return new OnlineLogisticRegression(classes, w, b, preconditioner, learningRate, l2, boost, accuracyRate, acc,
                trialsLearned + 1);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
