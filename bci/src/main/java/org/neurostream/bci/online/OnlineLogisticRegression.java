package org.neurostream.bci.online;

/**
 * Logistic regression trained online by stochastic gradient descent on the L2-regularized log loss, one step per
 * labelled trial: binary (sigmoid, weights [1][p], positive scores for {@code classes[1]}) for two classes,
 * multinomial (softmax, weights [nClasses][p]) for more.
 *
 * <p>Homeostatic learning rate for concept shift: {@code recentAccuracy} is an exponential moving average (step
 * {@code accuracyRate}) of whether each trial was predicted right before learning from it, and the step size is
 * {@code learningRate · (1 + boost · (1 − recentAccuracy))}: it rises when the model starts failing and settles when
 * it is right again.
 *
 * @param classes sorted class codes
 * @param coef weights [1][p] (two classes) or [nClasses][p]
 * @param intercept [1] or [nClasses]
 * @param learningRate base step size
 * @param l2 L2 penalty per step (weights only)
 * @param boost how much the step grows at zero recent accuracy (0 = constant step)
 * @param accuracyRate step of the recent-accuracy average, in (0, 1]
 * @param recentAccuracy current recent accuracy in [0, 1]
 * @param trialsLearned labelled trials learned from
 */
public record OnlineLogisticRegression(int[] classes, double[][] coef, double[] intercept, double learningRate,
        double l2, double boost, double accuracyRate, double recentAccuracy, long trialsLearned)
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
    }

    /** All weights zero; recent accuracy starts at 1. */
    public static OnlineLogisticRegression fromScratch(int[] classes, int nFeatures, double learningRate, double l2,
            double boost, double accuracyRate) {
        int[] sorted = OnlineChecks.checkClasses(classes);
        int rows = sorted.length == 2 ? 1 : sorted.length;
        return new OnlineLogisticRegression(sorted, new double[rows][nFeatures], new double[rows], learningRate, l2,
                boost, accuracyRate, 1.0, 0);
    }

    /** Starts from a calibrated linear model (logistic regression, or LDA whose scores are log-odds too). */
    public static OnlineLogisticRegression fromLinear(int[] classes, double[][] coef, double[] intercept,
            double learningRate, double l2, double boost, double accuracyRate) {
        return new OnlineLogisticRegression(classes.clone(), OnlineChecks.copy(coef), intercept.clone(), learningRate,
                l2, boost, accuracyRate, 1.0, 0);
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
        double[][] w = OnlineChecks.copy(coef);
        double[] b = intercept.clone();
        for (int k = 0; k < w.length; k++) {
            for (int j = 0; j < x.length; j++) {
                w[k][j] -= eta * (err[k] * x[j] + l2 * coef[k][j]);
            }
            b[k] -= eta * err[k];
        }
        double acc = (1 - accuracyRate) * recentAccuracy + accuracyRate * (correct ? 1 : 0);
        return new OnlineLogisticRegression(classes, w, b, learningRate, l2, boost, accuracyRate, acc,
                trialsLearned + 1);
    }
}
