package org.neurostream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedRatiosTest {

    @Test
    void theMedianIsTheMiddlePairRatioAndTheIntervalHoldsIt() {
        double[] on = {90, 96, 100, 150, 99};
        double[] off = {100, 100, 100, 100, 100};

        PairedRatios r = PairedRatios.of(on, off, 0.95, 1);

        assertThat(r.median()).isEqualTo(0.99);
        assertThat(r.pairs()).isEqualTo(5);
        assertThat(r.below()).isEqualTo(3);
        assertThat(r.lower()).isLessThanOrEqualTo(r.median()).isGreaterThanOrEqualTo(0.90);
        assertThat(r.upper()).isGreaterThanOrEqualTo(r.median()).isLessThanOrEqualTo(1.50);
    }

    @Test
    void identicalRatiosGiveAnIntervalOfZeroWidth() {
        PairedRatios r = PairedRatios.ofRatios(new double[] {0.97, 0.97, 0.97, 0.97}, 0.95, 7);

        assertThat(r.lower()).isEqualTo(0.97);
        assertThat(r.upper()).isEqualTo(0.97);
        assertThat(r.atLeast(0.95)).isTrue();
        assertThat(r.atLeast(0.98)).isFalse();
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[] ratios = lognormalRatios(new Random(3), 15, 0.95, 0.05);

        assertThat(PairedRatios.ofRatios(ratios, 0.95, 42)).isEqualTo(PairedRatios.ofRatios(ratios, 0.95, 42));
    }

    @Test
    void moreLikelyThanItsLevelTheIntervalCoversTheTrueMedianAndItNarrowsWithMorePairs() {
        Random random = new Random(11);
        double trueMedian = 0.95;
        int experiments = 100;
        int covered = 0;
        double width20 = 0;
        double width80 = 0;
        for (int e = 0; e < experiments; e++) {
            PairedRatios few = PairedRatios.ofRatios(lognormalRatios(random, 20, trueMedian, 0.05), 0.90, e);
            covered += few.lower() <= trueMedian && trueMedian <= few.upper() ? 1 : 0;
            width20 += few.upper() - few.lower();
            if (e < 20) {
                PairedRatios many = PairedRatios.ofRatios(lognormalRatios(random, 80, trueMedian, 0.05), 0.90, e);
                width80 += (many.upper() - many.lower()) * experiments / 20.0;
            }
        }
        // a 90 % interval of 20 pairs: nominal coverage, with room for the bootstrap's small-sample bias and for
        // the binomial spread of 100 experiments (sd 3)
        assertThat(covered).isBetween(78, 100);
        // four times the pairs: about half the width
        assertThat(width80 / width20).isBetween(0.35, 0.7);
    }

    @Test
    void unusableInputIsRejectedWithWhatIsWrong() {
        assertThatThrownBy(() -> PairedRatios.of(new double[] {1}, new double[] {1, 2}, 0.95, 1))
                .hasMessageContaining("as many A values as B values");
        assertThatThrownBy(() -> PairedRatios.of(new double[] {1, Double.NaN}, new double[] {1, 2}, 0.95, 1))
                .hasMessageContaining("Pair 1");
        assertThatThrownBy(() -> PairedRatios.of(new double[] {1}, new double[] {0}, 0.95, 1))
                .hasMessageContaining("Pair 0");
        assertThatThrownBy(() -> PairedRatios.ofRatios(new double[0], 0.95, 1)).hasMessageContaining("No pairs");
        assertThatThrownBy(() -> PairedRatios.ofRatios(new double[] {1}, 1.0, 1))
                .hasMessageContaining("confidence level");
    }

    /** Ratios whose logarithm is normal around {@code log(median)}. */
    private static double[] lognormalRatios(Random random, int n, double median, double sigma) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = median * Math.exp(sigma * random.nextGaussian());
        }
        return r;
    }
}
