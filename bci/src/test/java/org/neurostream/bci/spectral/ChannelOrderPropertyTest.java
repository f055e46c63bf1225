package org.neurostream.bci.spectral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ChannelOrderPropertyTest {

    private static double[] signal(int channels, int samples, long seed) {
        Random random = new Random(seed);
        double[] x = new double[channels * samples];
        for (int c = 0; c < channels; c++) {
            double f = 5 + 3 * c;
            for (int s = 0; s < samples; s++) {
                x[c * samples + s] = Math.sin(2 * Math.PI * f * s / 128.0) * (c + 1) + random.nextGaussian();
            }
        }
        return x;
    }

    private static int[] permutation(int channels, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            order.add(c);
        }
        Collections.shuffle(order, new Random(seed));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Channel {@code c} of the result is channel {@code perm[c]} of the input. */
    private static double[] permute(double[] x, int channels, int[] perm) {
        int n = x.length / channels;
        double[] out = new double[x.length];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(x, perm[c] * n, out, c * n, n);
        }
        return out;
    }

    @Property(tries = 60)
    void welchBandPowerAndLogVariancePermuteWithTheChannels(@ForAll @IntRange(min = 1, max = 6) int channels,
                                                            @ForAll @IntRange(min = 64, max = 700) int samples,
                                                            @ForAll long seed) {
        double[] x = signal(channels, samples, seed);
        int[] perm = permutation(channels, seed ^ 0x5DEECE66DL);
        double[] xp = permute(x, channels, perm);
        Welch welch = new Welch(WelchParameters.of("hann", 64).withOverlap(16), 128.0);
        PowerSpectrum psd = welch.psd(x, channels);
        PowerSpectrum psdPermuted = welch.psd(xp, channels);
        assertThat(psdPermuted.values()).containsExactly(permute(psd.values(), channels, perm));
        FrequencyBand alpha = new FrequencyBand(8, 12);
        double[] bp = BandPower.absolute(psd, alpha, BandPower.Integration.TRAPEZOID);
        double[] bpPermuted = BandPower.absolute(psdPermuted, alpha, BandPower.Integration.TRAPEZOID);
        double[] lv = LogVariance.compute(x, channels);
        double[] lvPermuted = LogVariance.compute(xp, channels);
        for (int c = 0; c < channels; c++) {
            assertThat(bpPermuted[c]).isEqualTo(bp[perm[c]]);
            assertThat(lvPermuted[c]).isEqualTo(lv[perm[c]]);
        }
    }

    @Property(tries = 40)
    void coherenceAndNodeStrengthPermuteWithTheChannels(@ForAll @IntRange(min = 2, max = 5) int channels,
                                                        @ForAll @IntRange(min = 64, max = 500) int samples,
                                                        @ForAll long seed) {
        double[] x = signal(channels, samples, seed);
        int[] perm = permutation(channels, seed + 17);
        double[] xp = permute(x, channels, perm);
        Welch welch = new Welch(WelchParameters.of("hann", 64), 128.0);
        ConnectivitySpectrum msc = Coherence.magnitudeSquared(welch.crossSpectra(x, channels));
        ConnectivitySpectrum mscPermuted = Coherence.magnitudeSquared(welch.crossSpectra(xp, channels));
        ConnectivitySpectrum imag = Coherence.imaginary(welch.crossSpectra(x, channels)).abs();
        ConnectivitySpectrum imagPermuted = Coherence.imaginary(welch.crossSpectra(xp, channels)).abs();
        for (int i = 0; i < channels; i++) {
            for (int j = 0; j < channels; j++) {
                for (int f = 0; f < msc.binCount(); f++) {
                    assertThat(mscPermuted.value(i, j, f)).isEqualTo(msc.value(perm[i], perm[j], f));
                }
            }
        }
        FrequencyBand beta = new FrequencyBand(13, 30);
        double[] strength = NodeStrength.compute(imag, beta);
        double[] strengthPermuted = NodeStrength.compute(imagPermuted, beta);
        for (int c = 0; c < channels; c++) {
            assertThat(strengthPermuted[c]).isCloseTo(strength[perm[c]],
                    org.assertj.core.api.Assertions.within(1e-12 * (1 + Math.abs(strength[perm[c]]))));
        }
    }
}
