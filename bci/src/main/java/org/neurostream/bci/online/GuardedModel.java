package org.neurostream.bci.online;

/**
 * An adaptive learner guarded by the calibrated model it started from: both are kept as experts, both are scored
 * prequentially on every labelled trial, and the decision is the one of the expert with the lower recent error. Ties,
 * and so the start, go to the calibrated model.
 *
 * <p>Why: an adaptive learner can lose trials the calibrated model gets right (moving its bias towards a new session
 * costs borderline trials even without a shift), while after a concept shift only the adaptive one can recover. The
 * guard is the deterministic weighted-majority (follow-the-leader) rule over these two experts with exponentially
 * discounted 0/1 losses: the recent error of each is an exponential average with step β of whether it predicted the
 * trial wrong (the same β as the learners' homeostatic memory, {@link HomeostaticMemory}), so it follows the expert
 * that has been better over about the last 1/β trials. While the calibrated model is not beaten the guard predicts
 * exactly as it does, and after a shift it hands over to the adaptive expert at the first trial the adaptive one gets
 * right and the calibrated one gets wrong. This is no worst-case regret bound: when the two experts alternate (both
 * near chance) each hand-over can cost a trial. The adaptive expert learns from every trial whichever expert decides.
 *
 * <p>Each expert sees the trial through its own feature path ({@link OnlineModel#decision(double[], double[])}): the
 * calibrated expert the calibrated pipeline's features, exactly what the static pipeline computes, and the adaptive
 * expert the adaptive pipeline's (after the channel gain adaptation). So the guard compares the adaptive pipeline with
 * the true static one, and while the calibrated expert leads its decisions are the static pipeline's. The
 * single-vector methods give both experts the same vector.
 *
 * @param calibrated the calibrated model (does not learn; counts trials)
 * @param adaptive the adaptive learner
 * @param errorRate β in (0, 1], step of both recent-error averages
 * @param calibratedError recent prequential error of {@code calibrated}, in [0, 1]
 * @param adaptiveError recent prequential error of {@code adaptive}, in [0, 1]
 */
public record GuardedModel(StaticModel calibrated, OnlineModel adaptive, double errorRate, double calibratedError,
        double adaptiveError) implements OnlineModel {

    public GuardedModel {
        if (!(errorRate > 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("Invalid value for 'errorRate' of the guard. It must be in (0, 1], but "
                    + "got " + errorRate + " instead.");
        }
        HomeostaticMemory.checkRates(errorRate, calibratedError);
        HomeostaticMemory.checkRates(errorRate, adaptiveError);
        if (adaptive instanceof GuardedModel || adaptive instanceof StaticModel) {
            throw new IllegalArgumentException("A guarded model's adaptive expert must be a learner, not a "
                    + adaptive.getClass().getSimpleName() + ".");
        }
        if (!java.util.Arrays.equals(calibrated.classes(), adaptive.classes())
                || calibrated.nFeatures() != adaptive.nFeatures()) {
            throw new IllegalArgumentException("The calibrated model (classes "
                    + java.util.Arrays.toString(calibrated.classes()) + ", " + calibrated.nFeatures() + " features) and"
                    + " the adaptive one (classes " + java.util.Arrays.toString(adaptive.classes()) + ", "
                    + adaptive.nFeatures() + " features) of a guarded model must agree.");
        }
    }

    /** Guards {@code adaptive} by {@code calibrated}, both with no recent error. */
    public static GuardedModel of(StaticModel calibrated, OnlineModel adaptive, double errorRate) {
        return new GuardedModel(calibrated, adaptive, errorRate, 0, 0);
    }

    /** The expert that decides the next trial: the adaptive one only while its recent error is strictly lower. */
    public OnlineModel leader() {
        return adaptiveError < calibratedError ? adaptive : calibrated;
    }

    @Override
    public int[] classes() {
        return adaptive.classes();
    }

    @Override
    public int nFeatures() {
        return adaptive.nFeatures();
    }

    @Override
    public long trialsLearned() {
        return adaptive.trialsLearned();
    }

    @Override
    public double[] decision(double[] x) {
        return decision(x, x);
    }

    /** The leader's decision: the calibrated expert's on {@code staticX}, the adaptive expert's on {@code x}. */
    @Override
    public double[] decision(double[] staticX, double[] x) {
        return adaptiveError < calibratedError ? adaptive.decision(x) : calibrated.decision(staticX);
    }

    @Override
    public GuardedModel learn(double[] x, int label) {
        return learn(x, x, label);
    }

    /** Scores each expert on its own features ({@code staticX} the calibrated, {@code x} the adaptive), then learns. */
    @Override
    public GuardedModel learn(double[] staticX, double[] x, int label) {
        double cal = HomeostaticMemory.nextError(calibratedError, errorRate, calibrated.predict(staticX) != label);
        double ada = HomeostaticMemory.nextError(adaptiveError, errorRate, adaptive.predict(x) != label);
        return new GuardedModel(calibrated.learn(staticX, label), adaptive.learn(x, label), errorRate, cal, ada);
    }

    @Override
    public GuardedModel observe(double[] x) {
        return observe(x, x);
    }

    @Override
    public GuardedModel observe(double[] staticX, double[] x) {
        return new GuardedModel(calibrated, adaptive.observe(x), errorRate, calibratedError, adaptiveError);
    }
}
