package org.neurostream.operators.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feature map's two paths: an epoch of the signal's C channels gives one vector for both, an epoch of 2C channels
 * (signal followed by its gain-adapted copy) the static features from the first C rows and the adaptive ones from the
 * last C. With the shipped hands vs feet model (64 channels, CSP 4).
 */
class FeatureFunctionTest {
    private static final Path MODEL = Path.of(System.getProperty("neurostream.test.data"), "models",
            "S001R06-hands-feet-csp-lda.json");
    private static final int C = 64;
    private static final int N = 161;
    private static String json;

    @BeforeAll
    static void load() throws Exception {
        json = Files.readString(MODEL);
    }

    private static FeatureFunction features(boolean adaptsGains) throws Exception {
        FeatureFunction f = new FeatureFunction(json, MODEL.toString(), C, adaptsGains);
        f.open(null);
        return f;
    }

    private static TrialEpoch epoch(double[] data, int channels) {
        return new TrialEpoch("S001", "S001R10", "T1", 4.2, channels, data, 1_000, 900);
    }

    /** C channels of noise, then (for 2C) the same samples scaled by channel-dependent gains. */
    private static double[] signalAndCopy(boolean withCopy) {
        Random rng = new Random(7);
        double[] v = new double[(withCopy ? 2 : 1) * C * N];
        for (int i = 0; i < C * N; i++) {
            v[i] = 10 * rng.nextGaussian();
            if (withCopy) {
                v[C * N + i] = v[i] * (0.4 + 1.2 * (i / N) / 63.0);
            }
        }
        return v;
    }

    @Test
    void theStaticFeaturesComeFromTheSignalAndTheAdaptiveOnesFromItsGainAdaptedCopy() throws Exception {
        TrialFeatures alone = features(true).map(epoch(signalAndCopy(false), C));
        assertThat(alone.staticFeatures()).containsExactly(alone.features());
        TrialFeatures both = features(true).map(epoch(signalAndCopy(true), 2 * C));
        assertThat(both.staticFeatures()).containsExactly(alone.features());
        assertThat(both.features()).hasSize(4).isNotEqualTo(both.staticFeatures());
        TrialFeatures notAdapting = features(false).map(epoch(signalAndCopy(true), 2 * C));
        assertThat(notAdapting.features()).as("a run without gain adaptation uses the signal for both paths")
                .containsExactly(alone.features());
    }

    @Test
    void anEpochOfAnotherChannelCountIsAnErrorNamingTheTrial() throws Exception {
        FeatureFunction f = features(true);
        assertThatThrownBy(() -> f.map(epoch(new double[3 * N], 3))).hasMessageContaining("S001R10")
                .hasMessageContaining("4.2 s").hasMessageContaining("has 3 channels").hasMessageContaining("64");
    }
}
