package org.neurostream.bci.online;

/**
 * The homeostatic forgetting rule of the supervised online learners: the memory follows the model's recent skill.
 *
 * <p>A learner with forgetting factor λ remembers W = 1 / (1 − λ) trials. What it remembers is worth keeping only as
 * far as it still predicts better than chance, so the effective memory is W scaled by the recent skill
 * s = 1 − e / e_chance, where e is the recent prequential error (an exponential moving average, step β, of whether
 * each trial was predicted wrong before it was learned) and e_chance = (K − 1) / K the error of guessing among K
 * classes: s = 1 without recent errors, 0 at chance, negative when the model is reliably wrong (swapped labels).
 * W_eff = W·s clipped to [{@link #MIN_MEMORY_TRIALS}, W], and the trial is learned with λ_eff = 1 − 1 / W_eff. So the
 * memory never exceeds the configured one (a model that is right keeps the precision of W trials) and shrinks towards
 * two trials as the model falls to chance or below, which is when its past has stopped describing the data. λ = 1
 * (W infinite) keeps everything while s > 0. β = 0 turns the rule off (e stays 0, λ_eff = λ): state written before
 * the rule existed restores that way.
 */
final class HomeostaticMemory {
    /** The shortest memory: λ_eff = 1/2, the least that still averages two trials (one trial alone has no scatter). */
    static final double MIN_MEMORY_TRIALS = 2;

    private HomeostaticMemory() {}

    static void checkRates(double errorRate, double recentError) {
        if (!(errorRate >= 0 && errorRate <= 1) || !(recentError >= 0 && recentError <= 1)) {
            throw new IllegalArgumentException("Invalid homeostasis: errorRate and recentError must be in [0, 1], but "
                    + "got " + errorRate + " and " + recentError + ".");
        }
    }

    /** The recent error after one more trial, predicted {@code wrong} or not. */
    static double nextError(double recentError, double errorRate, boolean wrong) {
        return (1 - errorRate) * recentError + errorRate * (wrong ? 1 : 0);
    }

    /** λ_eff for forgetting factor {@code lambda}, recent error {@code recentError} and {@code nClasses} classes. */
    static double forgetting(double lambda, double recentError, int nClasses) {
        return forgetting(lambda, recentError, nClasses, MIN_MEMORY_TRIALS);
    }

    /** As {@link #forgetting(double, double, int)} with the shortest memory {@code minMemory} trials instead of 2. */
    static double forgetting(double lambda, double recentError, int nClasses, double minMemory) {
        double skill = 1 - recentError * nClasses / (nClasses - 1.0);
        double maxMemory = 1 / (1 - lambda); // infinite for λ = 1
        if (skill >= 1 || maxMemory <= minMemory) {
            return lambda; // no recent error (exactly λ, also for state from before the rule), or already that short
        }
        double memory = skill <= 0 ? minMemory : Math.min(maxMemory, Math.max(minMemory, maxMemory * skill));
        return 1 - 1 / memory;
    }
}
