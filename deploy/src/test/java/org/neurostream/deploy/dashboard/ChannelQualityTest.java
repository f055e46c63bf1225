package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChannelQualityTest {
    private static final int N = 1000;

    private static double[] eeg(int channels, long seed) {
        Random r = new Random(seed);
        double[] v = new double[channels * N];
        for (int c = 0; c < channels; c++) {
            for (int s = 0; s < N; s++) {
                v[c * N + s] = 15 * Math.sin(2 * Math.PI * 10 * s / 1000.0 + c) + 5 * r.nextGaussian();
            }
        }
        return v;
    }

    @Test
    void healthyChannelsAreNotFlagged() {
        assertThat(ChannelQuality.badChannels(eeg(64, 1), 64)).isEmpty();
    }

    @Test
    void flatNanAndClippedChannelsAreFlagged() {
        double[] v = eeg(8, 2);
        for (int s = 0; s < N; s++) {
            v[N + s] = 3.0;                        // channel 1: constant (disconnected)
            v[2 * N + s] *= 1e-4;                  // channel 2: near-zero variance (bridged/flat)
            v[5 * N + s] = Math.max(-10, Math.min(10, v[5 * N + s]));  // channel 5: clipped at ±10
        }
        v[6 * N + 500] = Double.NaN;               // channel 6: a NaN sample
        assertThat(ChannelQuality.badChannels(v, 8)).containsExactly(1, 2, 5, 6);
    }

    @Test
    void aSingleConstantChannelIsFlatWithoutAMedianToCompare() {
        assertThat(ChannelQuality.badChannels(new double[N], 1)).containsExactly(0);
    }
}
