package org.neurostream.bci.online;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neurostream.bci.classify.ClassifierModel;
import org.neurostream.bci.classify.LdaModel;
import org.neurostream.bci.classify.LogisticRegressionModel;
import org.neurostream.bci.classify.NearestCentroidModel;

/**
 * Which online classifier to run and with what parameters, and how to start it from a calibrated classifier or from
 * scratch.
 *
 * @param kind the learner
 * @param forgettingFactor λ in (0, 1] for {@code lda} and {@code ncm}; memory ≈ 1 / (1 − λ) trials
 * @param calibrationWeight how many trials the calibration counts as when adaptation starts from it
 * @param shrinkage LDA shrinkage α in [0, 1] when starting from scratch
 * @param pooledMeanRate η of the unsupervised global-mean update ({@code lda-pmean})
 * @param learningRate base SGD step of {@code lr}
 * @param l2 L2 penalty of {@code lr}
 * @param boost how much {@code lr}'s step grows when recent accuracy drops
 * @param accuracyRate step of {@code lr}'s recent-accuracy average
 */
public record Adaptation(Kind kind, double forgettingFactor, double calibrationWeight, double shrinkage,
        double pooledMeanRate, double learningRate, double l2, double boost, double accuracyRate)
        implements java.io.Serializable {

    /** The learners, by their command-line names. */
    public enum Kind {
        /** Supervised adaptive shrinkage LDA. */
        LDA("lda"),
        /** Unsupervised pooled-mean LDA adaptation (Vidaurre et al. 2010). */
        LDA_PMEAN("lda-pmean"),
        /** Nearest class mean with running means. */
        NCM("ncm"),
        /** Online logistic regression (SGD, homeostatic step). */
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

    /** Defaults: λ = 0.9, calibration worth 10 trials, α = 0.1, η = 0.1, SGD step 0.05, L2 1e-3, boost 3. */
    public static Adaptation defaults(Kind kind) {
        return new Adaptation(kind, 0.9, 10, 0.1, 0.1, 0.05, 1e-3, 3, 0.2);
    }

    /** The same parameters with another forgetting factor. */
    public Adaptation withForgettingFactor(double lambda) {
        return new Adaptation(kind, lambda, calibrationWeight, shrinkage, pooledMeanRate, learningRate, l2, boost,
                accuracyRate);
    }

    /** Starts from a calibrated classifier (any of LDA, logistic regression, nearest centroid where it fits). */
    public OnlineModel start(ClassifierModel calibrated) {
        return switch (kind) {
            case NONE -> new StaticModel(calibrated, 0);
            case LDA, LDA_PMEAN -> {
                if (!(calibrated instanceof LdaModel lda)) {
                    throw new IllegalArgumentException("--adapt " + kind.text() + " needs an LDA calibration, but the "
                            + "model file holds a " + calibrated.getClass().getSimpleName() + "; calibrate a *-lda "
                            + "pipeline or use --adapt lr.");
                }
                yield AdaptiveLda.fromCalibration(lda, calibrationWeight, forgettingFactor,
                        kind == Kind.LDA ? AdaptiveLda.Mode.SUPERVISED : AdaptiveLda.Mode.POOLED_MEAN, pooledMeanRate);
            }
            case NCM -> {
                if (calibrated instanceof NearestCentroidModel ncm) {
                    yield RunningNearestMean.fromMeans(ncm.classes(), ncm.centroids(),
                            calibrationWeight / ncm.classes().length, forgettingFactor);
                }
                if (calibrated instanceof LdaModel lda) {
                    yield RunningNearestMean.fromMeans(lda.classes(), lda.means(),
                            calibrationWeight / lda.classes().length, forgettingFactor);
                }
                throw new IllegalArgumentException("--adapt ncm needs an LDA or nearest-centroid calibration, but the "
                        + "model file holds a " + calibrated.getClass().getSimpleName() + ".");
            }
            case LR -> {
                if (calibrated instanceof LogisticRegressionModel lr) {
                    yield OnlineLogisticRegression.fromLinear(lr.classes(), lr.coef(), lr.intercept(), learningRate,
                            l2, boost, accuracyRate);
                }
                if (calibrated instanceof LdaModel lda) {
                    yield OnlineLogisticRegression.fromLinear(lda.classes(), lda.coef(), lda.intercept(),
                            learningRate, l2, boost, accuracyRate);
                }
                throw new IllegalArgumentException("--adapt lr needs a linear calibration (LDA or logistic "
                        + "regression), but the model file holds a " + calibrated.getClass().getSimpleName() + ".");
            }
        };
    }

    /** Starts untrained for class codes {@code classes} and {@code nFeatures} features. */
    public OnlineModel startFromScratch(int[] classes, int nFeatures) {
        return switch (kind) {
            case LDA, LDA_PMEAN -> AdaptiveLda.fromScratch(classes, nFeatures, forgettingFactor, shrinkage,
                    kind == Kind.LDA ? AdaptiveLda.Mode.SUPERVISED : AdaptiveLda.Mode.POOLED_MEAN, pooledMeanRate);
            case NCM -> RunningNearestMean.fromScratch(classes, nFeatures, forgettingFactor);
            case LR -> OnlineLogisticRegression.fromScratch(classes, nFeatures, learningRate, l2, boost, accuracyRate);
            case NONE -> throw new IllegalArgumentException("--adapt none needs a calibrated model (--model FILE).");
        };
    }

    /** The command-line names of the learners. */
    public static List<String> names() {
        return Arrays.stream(Kind.values()).map(Kind::text).toList();
    }
}
