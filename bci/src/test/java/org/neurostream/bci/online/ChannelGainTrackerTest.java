package org.neurostream.bci.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChannelGainTrackerTest {
    private static final double FS = 160;
    private static final double TAU = 10;
    private static final double[] REFERENCE = {4.0, 25.0, 1.0};

    /** White noise with each channel's mean square at the reference, times {@code gains}, channel-major. */
    private static double[] noise(Random rng, int samples, double[] gains) {
        double[] v = new double[REFERENCE.length * samples];
        for (int c = 0; c < REFERENCE.length; c++) {
            for (int i = 0; i < samples; i++) {
                v[c * samples + i] = gains[c] * Math.sqrt(REFERENCE[c]) * rng.nextGaussian();
            }
        }
        return v;
    }

    private static double meanSquare(double[] v, int channels, int c) {
        int n = v.length / channels;
        double s = 0;
        for (int i = c * n; i < (c + 1) * n; i++) {
            s += v[i] * v[i];
        }
        return s / n;
    }

    @Test
    void afterAStepChangeOfGainsTheRescaledPowerReturnsToTheReferenceWithTheTimeConstant() {
        Random rng = new Random(7);
        ChannelGainTracker tracker = new ChannelGainTracker(REFERENCE, TAU, FS);
        double[] before = noise(rng, (int) (3 * TAU * FS), new double[] {1, 1, 1});
        tracker.process(before, before.clone(), "calibration-like signal");
        for (int c = 0; c < REFERENCE.length; c++) {
            assertThat(tracker.gain(c)).as("gain of channel %d without a change", c).isCloseTo(1.0, within(0.1));
        }
        double[] k = {0.5, 2.0, 1.6};
        // One time constant after the step: the running mean square has gone 1 − 1/e of the way to k²·r.
        double[] firstTau = noise(rng, (int) (TAU * FS), k);
        tracker.process(firstTau, firstTau.clone(), "after the step");
        double[] m = tracker.state();
        for (int c = 0; c < REFERENCE.length; c++) {
            double target = k[c] * k[c] * REFERENCE[c];
            double remaining = (m[c] - target) / (REFERENCE[c] - target);
            assertThat(remaining).as("share of the step left after τ, channel %d", c)
                    .isCloseTo(Math.exp(-1), within(0.1));
        }
        // Four more: the rescaled signal's power is back at the reference, each channel's gain undone.
        double[] rest = noise(rng, (int) (4 * TAU * FS), k);
        tracker.process(rest, rest.clone(), "later");
        double[] lastTau = noise(rng, (int) (TAU * FS), k);
        double[] rescaled = new double[lastTau.length];
        tracker.process(lastTau, rescaled, "last");
        for (int c = 0; c < REFERENCE.length; c++) {
            assertThat(meanSquare(rescaled, REFERENCE.length, c) / REFERENCE[c])
                    .as("rescaled power / reference, channel %d", c).isCloseTo(1.0, within(0.1));
            assertThat(tracker.gain(c) * k[c]).as("gain × step, channel %d", c).isCloseTo(1.0, within(0.05));
        }
    }

    @Test
    void startsAtTheReferenceWithGainOne() {
        ChannelGainTracker tracker = new ChannelGainTracker(REFERENCE, TAU, FS);
        assertThat(tracker.state()).containsExactly(REFERENCE);
        for (int c = 0; c < REFERENCE.length; c++) {
            assertThat(tracker.gain(c)).isEqualTo(1.0);
        }
    }

    @Test
    void gainsAreClampedToAFactorOfFourEitherWay() {
        Random rng = new Random(3);
        ChannelGainTracker tracker = new ChannelGainTracker(REFERENCE, 1, FS);
        double[] v = noise(rng, (int) (20 * FS), new double[] {10, 0.05, 1});
        tracker.process(v, v.clone(), "far off");
        assertThat(tracker.gain(0)).isEqualTo(1 / ChannelGainTracker.MAX_GAIN);
        assertThat(tracker.gain(1)).isEqualTo(ChannelGainTracker.MAX_GAIN);
        assertThat(tracker.gain(2)).isCloseTo(1.0, within(0.2));
        double[] zero = new double[REFERENCE.length * (int) (20 * FS)];
        tracker.process(zero, zero.clone(), "flat");
        assertThat(tracker.gain(0)).as("a flat channel").isEqualTo(ChannelGainTracker.MAX_GAIN);
    }

    @Test
    void aChannelFlatInTheCalibrationPassesUnscaled() {
        ChannelGainTracker tracker = new ChannelGainTracker(new double[] {0.0, 1.0}, TAU, FS);
        double[] v = {3, -2, 5, 0.5, 0.25, -1};
        double[] out = new double[v.length];
        tracker.process(v, out, "block");
        assertThat(Arrays.copyOfRange(out, 0, 3)).containsExactly(3, -2, 5);
        assertThat(tracker.gain(0)).isEqualTo(1.0);
    }

    @Test
    void writingBehindTheSignalInOneBlockGivesTheSameSamplesAndLeavesTheSignalAsItWas() {
        Random rng = new Random(5);
        double[] v = noise(rng, 200, new double[] {1.3, 0.7, 2.0});
        double[] expected = new double[v.length];
        new ChannelGainTracker(REFERENCE, TAU, FS).process(v, expected, "alone");
        double[] both = Arrays.copyOf(v, 2 * v.length);
        new ChannelGainTracker(REFERENCE, TAU, FS).process(v, both, v.length, "behind the signal");
        assertThat(Arrays.copyOfRange(both, 0, v.length)).containsExactly(v);
        assertThat(Arrays.copyOfRange(both, v.length, both.length)).containsExactly(expected);
        assertThatThrownBy(() -> new ChannelGainTracker(REFERENCE, TAU, FS).process(v, both, v.length + 1, "short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset " + (v.length + 1));
    }

    @Test
    void anySplitIntoChunksAndARestoreOfTheStateGiveTheSameSamples() {
        Random rng = new Random(11);
        int n = 1000;
        double[] v = noise(rng, n, new double[] {1.3, 0.7, 2.0});
        ChannelGainTracker whole = new ChannelGainTracker(REFERENCE, TAU, FS);
        double[] expected = new double[v.length];
        whole.process(v, expected, "whole");
        double[] got = new double[v.length];
        ChannelGainTracker tracker = new ChannelGainTracker(REFERENCE, TAU, FS);
        int start = 0;
        for (int len : new int[] {1, 16, 333, 7, 643}) {
            double[] chunk = new double[REFERENCE.length * len];
            for (int c = 0; c < REFERENCE.length; c++) {
                System.arraycopy(v, c * n + start, chunk, c * len, len);
            }
            ChannelGainTracker restored = new ChannelGainTracker(REFERENCE, TAU, FS);
            restored.restoreState(tracker.state());
            restored.process(chunk, chunk, "chunk");
            tracker = restored;
            for (int c = 0; c < REFERENCE.length; c++) {
                System.arraycopy(chunk, c * len, got, c * n + start, len);
            }
            start += len;
        }
        assertThat(start).isEqualTo(n);
        assertThat(got).containsExactly(expected);
        assertThat(tracker.state()).containsExactly(whole.state());
    }

    @Test
    void nonFiniteSamplesAreAnErrorNamingChannelAndSampleAndLeaveTheStateUntouched() {
        ChannelGainTracker tracker = new ChannelGainTracker(REFERENCE, TAU, FS);
        double[] v = new double[REFERENCE.length * 4];
        v[2 * 4 + 3] = Double.NaN;
        assertThatThrownBy(() -> tracker.process(v, v.clone(), "Chunk of 'S001R14.edf#EEG' at 12.5 s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S001R14.edf#EEG")
                .hasMessageContaining("NaN at channel 2, sample 3");
        assertThat(tracker.state()).containsExactly(REFERENCE);
    }

    @Test
    void invalidReferenceOrTimeConstantIsAClearError() {
        assertThatThrownBy(() -> new ChannelGainTracker(new double[] {1, -1}, TAU, FS))
                .hasMessageContaining("channel 1").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new ChannelGainTracker(REFERENCE, 0, FS))
                .hasMessageContaining("gainTimeConstantSeconds").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new ChannelGainTracker(REFERENCE, TAU, FS).restoreState(new double[2]))
                .hasMessageContaining("2 channels").hasMessageContaining("3");
    }
}
