package org.neurostream.bci.online;

import org.neurostream.bci.classify.LdaModel;
import org.neurostream.bci.linalg.LedoitWolf;
import org.neurostream.bci.linalg.Matrices;

/**
 * Shrinkage LDA whose class means and pooled covariance follow the data, with a forgetting factor for concept shift.
 *
 * <p>Sufficient statistics: a decayed weight {@code counts[k]} and mean {@code means[k]} per class and the decayed
 * within-class scatter {@code scatter} (sum over trials of (x − mean of its class)(x − mean)ᵀ, accumulated with the
 * weighted Welford update). A supervised {@link #learn} first multiplies every weight and the scatter by the forgetting
 * factor λ, then adds the trial with weight 1; the effective memory is about 1 / (1 − λ) trials. With a homeostatic
 * error rate β > 0 ({@link #withHomeostasis}) the factor applied is λ_eff of {@link HomeostaticMemory}: the memory
 * shrinks from 1 / (1 − λ) towards two trials as the recent prequential error rises towards chance and beyond. The pooled covariance
 * is {@code scatter / Σ counts}, shrunk with a fixed intensity α as {@code (1 − α)·S + α·trace(S)/p·I}, and priors are
 * {@code counts / Σ counts}. With λ = 1 the model equals scikit-learn's {@code LinearDiscriminantAnalysis(solver='lsqr',
 * shrinkage=α)} fitted on the same trials.
 *
 * <p>{@link Mode#POOLED_MEAN} is the unsupervised adaptation of Vidaurre et al. (2010, "Toward unsupervised adaptation
 * of LDA for brain-computer interfaces", IEEE TBME 58(3)): labels are not used; every trial moves a global mean
 * {@code pooledMean ← (1 − η)·pooledMean + η·x}, and the decision uses the class means shifted so that their
 * prior-weighted average equals the global mean (for two classes this is their bias {@code b = −wᵀ·pooledMean}).
 *
 * @param classes sorted class codes
 * @param counts decayed trial weight per class
 * @param means class means [nClasses][nFeatures]
 * @param scatter decayed within-class scatter [nFeatures][nFeatures]
 * @param pooledMean global mean of all trials (used by {@link Mode#POOLED_MEAN})
 * @param forgettingFactor λ in (0, 1]
 * @param shrinkage α in [0, 1]
 * @param mode supervised or unsupervised adaptation
 * @param pooledMeanRate η in (0, 1], the step of the global mean in {@link Mode#POOLED_MEAN}
 * @param errorRate β in [0, 1], step of the recent-error average of the homeostatic memory ({@link HomeostaticMemory};
 *     0 = fixed forgetting factor)
 * @param recentError recent prequential error in [0, 1]
 * @param trialsLearned labelled trials learned from
 */
public record AdaptiveLda(int[] classes, double[] counts, double[][] means, double[][] scatter, double[] pooledMean,
        double forgettingFactor, double shrinkage, Mode mode, double pooledMeanRate, double errorRate,
        double recentError, long trialsLearned) implements OnlineModel {

    /** How the model adapts. */
    public enum Mode {
        /** Class means and pooled covariance from labelled trials. */
        SUPERVISED,
        /** Unsupervised: only the global mean moves, from every trial (labels unused). */
        POOLED_MEAN
    }

    public AdaptiveLda {
        OnlineChecks.checkForgetting(forgettingFactor);
        if (!(shrinkage >= 0 && shrinkage <= 1)) {
            throw new IllegalArgumentException("Invalid value for 'shrinkage'. It must be in [0, 1], but got "
                    + shrinkage + " instead.");
        }
        if (!(pooledMeanRate > 0 && pooledMeanRate <= 1)) {
            throw new IllegalArgumentException("Invalid value for 'pooledMeanRate'. It must be in (0, 1], but got "
                    + pooledMeanRate + " instead.");
        }
        HomeostaticMemory.checkRates(errorRate, recentError);
        if (counts.length != classes.length || means.length != classes.length) {
            throw new IllegalArgumentException(classes.length + " classes but " + counts.length + " counts and "
                    + means.length + " means.");
        }
    }

    /** An untrained model for {@code nFeatures} features; it predicts {@code classes[0]} until every class was seen. */
    public static AdaptiveLda fromScratch(int[] classes, int nFeatures, double forgettingFactor, double shrinkage,
            Mode mode, double pooledMeanRate) {
        int[] sorted = OnlineChecks.checkClasses(classes);
        return new AdaptiveLda(sorted, new double[sorted.length], new double[sorted.length][nFeatures],
                new double[nFeatures][nFeatures], new double[nFeatures], forgettingFactor, shrinkage, mode,
                pooledMeanRate, 0, 0, 0);
    }

    /** The same model with the homeostatic memory on (β = {@code errorRate} > 0) or off (0); recent error reset. */
    public AdaptiveLda withHomeostasis(double errorRate) {
        return new AdaptiveLda(classes, counts, means, scatter, pooledMean, forgettingFactor, shrinkage, mode,
                pooledMeanRate, errorRate, 0, trialsLearned);
    }

    /** The forgetting factor the next labelled trial is learned with. */
    public double effectiveForgettingFactor() {
        return HomeostaticMemory.forgetting(forgettingFactor, recentError, classes.length);
    }

    /**
     * Starts from a calibrated LDA: its means and priors, and its covariance with the shrinkage undone (the
     * prior-weighted calibration intensity α is kept and applied again at decision time). The calibration counts
     * as {@code calibrationWeight} trials split by the priors.
     */
    public static AdaptiveLda fromCalibration(LdaModel lda, double calibrationWeight, double forgettingFactor,
            Mode mode, double pooledMeanRate) {
        if (!(calibrationWeight > 0)) {
            throw new IllegalArgumentException("Invalid value for 'calibrationWeight'. It must be > 0 trials, but got "
                    + calibrationWeight + " instead.");
        }
        int p = lda.nFeatures();
        int nClasses = lda.classes().length;
        double alpha = 0;
        for (int k = 0; k < nClasses; k++) {
            alpha += lda.priors()[k] * lda.shrinkage()[k];
        }
        alpha = Math.min(1, Math.max(0, alpha)); // the weighted sum can leave [0, 1] by rounding
        double[][] cov = lda.covariance();
        double mu = Matrices.trace(cov) / p;
        double[][] scatter = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double raw = alpha < 1 ? (cov[i][j] - (i == j ? alpha * mu : 0)) / (1 - alpha) : (i == j ? mu : 0);
                scatter[i][j] = raw * calibrationWeight;
            }
        }
        double[] counts = new double[nClasses];
        double[] pooled = new double[p];
        for (int k = 0; k < nClasses; k++) {
            counts[k] = lda.priors()[k] * calibrationWeight;
            for (int j = 0; j < p; j++) {
                pooled[j] += lda.priors()[k] * lda.means()[k][j];
            }
        }
        return new AdaptiveLda(lda.classes().clone(), counts, OnlineChecks.copy(lda.means()), scatter, pooled,
                forgettingFactor, alpha, mode, pooledMeanRate, 0, 0, 0);
    }

    @Override
    public int nFeatures() {
        return scatter.length;
    }

    @Override
    public AdaptiveLda learn(double[] x, int label) {
        OnlineChecks.checkWidth(x, nFeatures(), "AdaptiveLda");
        int k = OnlineChecks.classIndex(classes, label);
        if (mode == Mode.POOLED_MEAN) {
            return this;
        }
        int p = x.length;
        double error = HomeostaticMemory.nextError(recentError, errorRate, predict(x) != label);
        double lambda = HomeostaticMemory.forgetting(forgettingFactor, error, classes.length);
        double[] newCounts = counts.clone();
        for (int c = 0; c < newCounts.length; c++) {
            newCounts[c] *= lambda;
        }
        double before = newCounts[k];
        newCounts[k] = before + 1;
        double[][] newMeans = OnlineChecks.copy(means);
        double[] delta = new double[p];
        for (int j = 0; j < p; j++) {
            delta[j] = x[j] - means[k][j];
            newMeans[k][j] = means[k][j] + delta[j] / newCounts[k];
        }
        double gain = before / newCounts[k];
        double[][] newScatter = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                newScatter[i][j] = lambda * scatter[i][j] + gain * delta[i] * delta[j];
            }
        }
        double total = 0;
        for (double c : newCounts) {
            total += c;
        }
        double[] newPooled = new double[p];
        for (int c = 0; c < newCounts.length; c++) {
            for (int j = 0; j < p; j++) {
                newPooled[j] += newCounts[c] / total * newMeans[c][j];
            }
        }
        return new AdaptiveLda(classes, newCounts, newMeans, newScatter, newPooled, forgettingFactor, shrinkage, mode,
                pooledMeanRate, errorRate, error, trialsLearned + 1);
    }

    @Override
    public AdaptiveLda observe(double[] x) {
        if (mode != Mode.POOLED_MEAN) {
            return this;
        }
        OnlineChecks.checkWidth(x, nFeatures(), "AdaptiveLda");
        double[] moved = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            moved[j] = (1 - pooledMeanRate) * pooledMean[j] + pooledMeanRate * x[j];
        }
        return new AdaptiveLda(classes, counts, means, scatter, moved, forgettingFactor, shrinkage, mode,
                pooledMeanRate, errorRate, recentError, trialsLearned);
    }

    /** Class priors, {@code counts / Σ counts}. */
    public double[] priors() {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        double[] out = new double[counts.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = counts[k] / total;
        }
        return out;
    }

    /** The shrunk pooled covariance used for decisions [nFeatures][nFeatures]. */
    public double[][] covariance() {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        int p = nFeatures();
        double[][] s = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                s[i][j] = scatter[i][j] / total;
            }
        }
        return LedoitWolf.shrink(s, shrinkage);
    }

    /**
     * The equivalent fixed LDA: weights and intercepts as scikit-learn's ({@code coef_}: [1][p] for two classes).
     * Returns null while some class has no data.
     */
    public LdaModel toLdaModel() {
        for (double c : counts) {
            if (!(c > 0)) {
                return null;
            }
        }
        int nClasses = classes.length;
        int p = nFeatures();
        double[] pri = priors();
        double[][] m = OnlineChecks.copy(means);
        if (mode == Mode.POOLED_MEAN) {
            double[] shift = pooledMean.clone();
            for (int k = 0; k < nClasses; k++) {
                for (int j = 0; j < p; j++) {
                    shift[j] -= pri[k] * means[k][j];
                }
            }
            for (int k = 0; k < nClasses; k++) {
                for (int j = 0; j < p; j++) {
                    m[k][j] += shift[j];
                }
            }
        }
        double[][] cov = covariance();
        double[][] coefAll = Matrices.transpose(Matrices.solve(cov, Matrices.transpose(m)));
        double[] interceptAll = new double[nClasses];
        for (int k = 0; k < nClasses; k++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += m[k][j] * coefAll[k][j];
            }
            interceptAll[k] = -0.5 * s + Math.log(pri[k]);
        }
        double[][] coef = coefAll;
        double[] intercept = interceptAll;
        if (nClasses == 2) {
            coef = new double[1][p];
            for (int j = 0; j < p; j++) {
                coef[0][j] = coefAll[1][j] - coefAll[0][j];
            }
            intercept = new double[] {interceptAll[1] - interceptAll[0]};
        }
        double[] intensities = new double[nClasses];
        java.util.Arrays.fill(intensities, shrinkage);
        return new LdaModel(classes.clone(), coef, intercept, m, pri, intensities, cov);
    }

    @Override
    public double[] decision(double[] x) {
        LdaModel lda = toLdaModel();
        if (lda == null) {
            return new double[classes.length == 2 ? 1 : classes.length];
        }
        return lda.decision(x);
    }
}
