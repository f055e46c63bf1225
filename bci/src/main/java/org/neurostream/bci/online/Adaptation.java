package org.neurostream.bci.online;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neurostream.bci.classify.ClassifierModel;
import org.neurostream.bci.classify.LdaModel;
import org.neurostream.bci.classify.LogisticRegressionModel;
import org.neurostream.bci.classify.NearestCentroidModel;
import org.neurostream.bci.linalg.Matrices;

/**
 * Which online classifier to run and with what parameters, and how to start it from a calibrated classifier or from
 * scratch.
 *
 * <p>Defaults follow one rule, from the size W of the calibration (trials): the adapted model should never rest on
 * less data than the calibration did, and it should forget at the pace at which the calibration itself is replaced.
 * So the calibration counts as W trials, the forgetting factor is λ = 1 − 1/W (memory 1/(1 − λ) = W trials: the
 * decayed total weight stays at W, the calibration's share falling as λᵗ), the unsupervised pooled mean moves with
 * η = 1/W (the same memory), and logistic regression learns by SGD preconditioned with M⁻¹, M = E[x̃x̃ᵀ] the
 * calibration's second moment of the features with a constant 1 appended (from the LDA's means, priors and
 * covariance), with step η = 4 / W: with p(1 − p) ≤ 1/4 that is 1/W of a Newton step on the Hessian bound M/4, a
 * memory of W trials along every direction whatever the features' scale ({@link OnlineLogisticRegression}).
 * {@link #DEFAULT_CALIBRATION_TRIALS} is one eegmmidb run.
 *
 * <p>Concept shift: the supervised learners are homeostatic. {@code lda} and {@code ncm} forget with the memory W
 * scaled by their recent skill ({@link HomeostaticMemory}: W while they are right, down to 2 trials at chance or
 * below); {@code lr} started from an LDA forgets its weights with the same rule (θ ← λ_eff·θ − η_eff·P·∇, η_eff =
 * 4(1 − λ_eff)), its memory floor two trials per class ({@link OnlineLogisticRegression}). From scratch or from a
 * calibrated logistic regression {@code lr}'s step is η·(1 + boost·(1 − recent accuracy)) with boost = W/2 − 1. The
 * recent error (accuracy) of all three is an exponential average with step β = 0.2, a memory of 5 trials: the window
 * of the acceptance experiment's recovery criterion, and the fewest trials in which a two-class model at 90 % accuracy
 * is unlikely (p ≈ 0.08) to be wrong more than once by chance.
 *
 * <p>Not worse than the calibration: started from a calibrated model, {@code lda}, {@code ncm} and {@code lr} are
 * {@link GuardedModel}s: the calibrated model stays as a second expert, and each trial is decided by the expert with the
 * lower recent error (the same β), ties to the calibrated one. {@code lda-pmean} is not guarded: it adapts without
 * labels, and a guard needs labels to score the experts.
 *
 * @param kind the learner
 * @param forgettingFactor λ in (0, 1] for {@code lda}, {@code ncm} and {@code lr} from an LDA; memory ≈ 1 / (1 − λ)
 *     trials
 * @param calibrationWeight how many trials the calibration counts as when adaptation starts from it
 * @param shrinkage LDA shrinkage α in [0, 1] when starting from scratch
 * @param pooledMeanRate η of the unsupervised global-mean update ({@code lda-pmean})
 * @param learningRate base SGD step of {@code lr}; NaN = by the rule above (from scratch, or from a calibrated
 *     logistic regression, which has no second moment: plain SGD with step 1 / W)
 * @param l2 L2 penalty of {@code lr}
 * @param boost how much {@code lr}'s step grows when recent accuracy drops (from scratch or from a calibrated
 *     logistic regression; started from an LDA, {@code lr} forgets with {@link #forgettingFactor} instead)
 * @param accuracyRate β, step of the recent-accuracy (error) average of {@code lr}, {@code lda} and {@code ncm} and of
 *     their guard; 0 turns the homeostatic memory of {@code lda} and {@code ncm} (fixed forgetting factor) and the
 *     guard off
 * @param gainTimeConstantSeconds τ of the unsupervised per-channel gain adaptation before the spatial filter
 *     ({@link ChannelGainTracker}), seconds of signal; 0 = off. On ({@link #DEFAULT_GAIN_TIME_CONSTANT_SECONDS}) for
 *     every adaptive learner, off for {@code none}, which stays exactly the calibrated pipeline
 */
public record Adaptation(Kind kind, double forgettingFactor, double calibrationWeight, double shrinkage,
        double pooledMeanRate, double learningRate, double l2, double boost, double accuracyRate,
        double gainTimeConstantSeconds) implements java.io.Serializable {

    public Adaptation {
        if (!(gainTimeConstantSeconds >= 0) || Double.isInfinite(gainTimeConstantSeconds)) {
            throw new IllegalArgumentException("Invalid value for 'gainTimeConstantSeconds'. It must be 0 (off) or a "
                    + "positive number of seconds, but got " + gainTimeConstantSeconds + " instead.");
        }
    }

    /** The learners, by their command-line names. */
    public enum Kind {
        /** Supervised adaptive shrinkage LDA. */
        LDA("lda"),
        /** Unsupervised pooled-mean LDA adaptation (Vidaurre et al. 2010). */
        LDA_PMEAN("lda-pmean"),
        /** Nearest class mean with running means. */
        NCM("ncm"),
        /** Online logistic regression (preconditioned SGD, homeostatic weight forgetting). */
        LR("lr"),
        /** The calibrated classifier, unchanged. */
        NONE("none");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** Parses a command-line name, naming the allowed ones on error. */
        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.text.equals(name.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("Invalid value for 'adapt'. Allowed values are "
                    + Arrays.stream(values()).map(Kind::text).toList() + ", but got '" + name + "' instead.");
        }
    }

    /**
     * The learner of {@code neurostream run} when none is named: {@code lr}. Chosen on the development subject S002
     * (docs/online-learning/README.md, "Default learner"): of the guarded learners, the only one that is never below
     * the static model without a shift and recovers within the shifted session in every shifted S002 run (both tasks;
     * swapped labels, the acceptance's channel gains and the development shift of interleaved gains).
     */
    public static final String DEFAULT_KIND_NAME = "lr";

    /**
     * τ of the channel gain adaptation of the adaptive learners, s of signal. Chosen on the development subject S002
     * among 5, 10, 30, 60 and 120 s: the highest accuracy of the adaptive learners on left vs right (the S002 task
     * whose calibration is above chance), without a shift and with changed channel gains (see
     * docs/online-learning/development-S002.md).
     */
    public static final double DEFAULT_GAIN_TIME_CONSTANT_SECONDS = 10;

    /** Calibration size the defaults assume: one eegmmidb motor-imagery run, 15 trials. */
    public static final int DEFAULT_CALIBRATION_TRIALS = 15;

    /** {@link #forCalibrationTrials} with {@link #DEFAULT_CALIBRATION_TRIALS}. */
    public static Adaptation defaults(Kind kind) {
        return forCalibrationTrials(kind, DEFAULT_CALIBRATION_TRIALS);
    }

    /**
     * The defaults for a calibration of {@code trials} trials (see the class comment): calibration weight W, λ = 1 −
     * 1/W, η = 1/W, lr step by the second-moment rule, boost W/2 − 1, accuracy step 0.2; α = 0.1, L2 1e-3.
     */
    public static Adaptation forCalibrationTrials(Kind kind, double trials) {
        if (!(trials > 1)) {
            throw new IllegalArgumentException("Invalid value for 'calibrationTrials'. It must be > 1, but got "
                    + trials + " instead.");
        }
        return new Adaptation(kind, 1 - 1 / trials, trials, 0.1, 1 / trials, Double.NaN, 1e-3,
                Math.max(0, trials / HomeostaticMemory.MIN_MEMORY_TRIALS - 1), 0.2,
                kind == Kind.NONE ? 0 : DEFAULT_GAIN_TIME_CONSTANT_SECONDS);
    }

    /** The same parameters with another forgetting factor. */
    public Adaptation withForgettingFactor(double lambda) {
        return new Adaptation(kind, lambda, calibrationWeight, shrinkage, pooledMeanRate, learningRate, l2, boost,
                accuracyRate, gainTimeConstantSeconds);
    }

    /** The same parameters with another channel gain time constant (0 = no gain adaptation). */
    public Adaptation withGainTimeConstant(double seconds) {
        return new Adaptation(kind, forgettingFactor, calibrationWeight, shrinkage, pooledMeanRate, learningRate, l2,
                boost, accuracyRate, seconds);
    }

    /** True when the channel gains adapt ({@link #gainTimeConstantSeconds} > 0). */
    public boolean adaptsGains() {
        return gainTimeConstantSeconds > 0;
    }

    /**
     * Starts from a calibrated classifier (any of LDA, logistic regression, nearest centroid where it fits). The
     * supervised learners ({@code lda}, {@code ncm}, {@code lr}) are guarded by the calibrated model
     * ({@link GuardedModel}, with the error step β = {@link #accuracyRate}); the unsupervised {@code lda-pmean} is not
     * (a guard needs labels to score the experts).
     */
    public OnlineModel start(ClassifierModel calibrated) {
        OnlineModel model = startAdaptive(calibrated);
        return (kind == Kind.LDA || kind == Kind.NCM || kind == Kind.LR) && accuracyRate > 0
                ? GuardedModel.of(new StaticModel(calibrated, 0), model, accuracyRate) : model;
    }

    /** The adaptive learner started from {@code calibrated}, unguarded. */
    OnlineModel startAdaptive(ClassifierModel calibrated) {
        return switch (kind) {
            case NONE -> new StaticModel(calibrated, 0);
            case LDA, LDA_PMEAN -> {
                if (!(calibrated instanceof LdaModel lda)) {
                    throw new IllegalArgumentException("--adapt " + kind.text() + " needs an LDA calibration, but the "
                            + "model file holds a " + calibrated.getClass().getSimpleName() + "; calibrate a *-lda "
                            + "pipeline or use --adapt lr.");
                }
                yield homeostatic(AdaptiveLda.fromCalibration(lda, calibrationWeight, forgettingFactor,
                        kind == Kind.LDA ? AdaptiveLda.Mode.SUPERVISED : AdaptiveLda.Mode.POOLED_MEAN, pooledMeanRate));
            }
            case NCM -> {
                if (calibrated instanceof NearestCentroidModel ncm) {
                    yield RunningNearestMean.fromMeans(ncm.classes(), ncm.centroids(),
                            calibrationWeight / ncm.classes().length, forgettingFactor).withHomeostasis(accuracyRate);
                }
                if (calibrated instanceof LdaModel lda) {
                    yield RunningNearestMean.fromMeans(lda.classes(), lda.means(),
                            calibrationWeight / lda.classes().length, forgettingFactor).withHomeostasis(accuracyRate);
                }
                throw new IllegalArgumentException("--adapt ncm needs an LDA or nearest-centroid calibration, but the "
                        + "model file holds a " + calibrated.getClass().getSimpleName() + ".");
            }
            case LR -> {
                if (calibrated instanceof LogisticRegressionModel lr) {
                    yield OnlineLogisticRegression.fromLinear(lr.classes(), lr.coef(), lr.intercept(),
                            Double.isNaN(learningRate) ? 1 / calibrationWeight : learningRate, l2, boost, accuracyRate);
                }
                if (calibrated instanceof LdaModel lda) {
                    yield preconditionedLr(lda);
                }
                throw new IllegalArgumentException("--adapt lr needs a linear calibration (LDA or logistic "
                        + "regression), but the model file holds a " + calibrated.getClass().getSimpleName() + ".");
            }
        };
    }

    /** Starts untrained for class codes {@code classes} and {@code nFeatures} features. */
    public OnlineModel startFromScratch(int[] classes, int nFeatures) {
        return switch (kind) {
            case LDA, LDA_PMEAN -> homeostatic(AdaptiveLda.fromScratch(classes, nFeatures, forgettingFactor, shrinkage,
                    kind == Kind.LDA ? AdaptiveLda.Mode.SUPERVISED : AdaptiveLda.Mode.POOLED_MEAN, pooledMeanRate));
            case NCM -> RunningNearestMean.fromScratch(classes, nFeatures, forgettingFactor)
                    .withHomeostasis(accuracyRate);
            case LR -> OnlineLogisticRegression.fromScratch(classes, nFeatures,
                    Double.isNaN(learningRate) ? 1 / calibrationWeight : learningRate, l2, boost, accuracyRate);
            case NONE -> throw new IllegalArgumentException("--adapt none needs a calibrated model (--model FILE).");
        };
    }

    /** The supervised LDA with the homeostatic memory (the unsupervised pooled mean has no labels to score). */
    private AdaptiveLda homeostatic(AdaptiveLda model) {
        return model.mode() == AdaptiveLda.Mode.SUPERVISED ? model.withHomeostasis(accuracyRate) : model;
    }

    /**
     * E[x̃x̃ᵀ] = [[Σ + Σₖ πₖ mₖmₖᵀ, m̄], [m̄ᵀ, 1]] from the LDA's covariance Σ, class means mₖ and priors πₖ (m̄ = Σₖ
     * πₖ mₖ): the second moment of the calibration's features with a constant 1 appended.
     */
    static double[][] secondMoment(LdaModel lda) {
        int p = lda.nFeatures();
        double[][] m2 = new double[p + 1][p + 1];
        double[][] cov = lda.covariance();
        for (int i = 0; i < p; i++) {
            System.arraycopy(cov[i], 0, m2[i], 0, p);
        }
        for (int k = 0; k < lda.classes().length; k++) {
            double[] mk = lda.means()[k];
            double pk = lda.priors()[k];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    m2[i][j] += pk * mk[i] * mk[j];
                }
                m2[i][p] += pk * mk[i];
                m2[p][i] += pk * mk[i];
            }
        }
        m2[p][p] = 1;
        return m2;
    }

    /**
     * Logistic regression from a calibrated LDA: its weights, the preconditioner P = E[x̃x̃ᵀ]⁻¹, (unless
     * {@link #learningRate} is set) the step 4 / W, i.e. 1/W of a Newton step on the log loss's Hessian bound
     * E[x̃x̃ᵀ]/4, and the homeostatic weight forgetting with λ = {@link #forgettingFactor} (see
     * {@link OnlineLogisticRegression}).
     */
    private OnlineLogisticRegression preconditionedLr(LdaModel lda) {
        double[][] m2 = secondMoment(lda);
        double[][] p = Matrices.solve(m2, Matrices.identity(m2.length));
        for (int i = 0; i < p.length; i++) { // symmetric to the last bit, as a preconditioner must be
            for (int j = 0; j < i; j++) {
                double mean = (p[i][j] + p[j][i]) / 2;
                p[i][j] = mean;
                p[j][i] = mean;
            }
        }
        return OnlineLogisticRegression.fromLinear(lda.classes(), lda.coef(), lda.intercept(),
                Double.isNaN(learningRate) ? 4 / calibrationWeight : learningRate, l2, boost, accuracyRate)
                .withPreconditioner(p).withForgetting(forgettingFactor);
    }

    /** The command-line names of the learners. */
    public static List<String> names() {
        return Arrays.stream(Kind.values()).map(Kind::text).toList();
    }
}
