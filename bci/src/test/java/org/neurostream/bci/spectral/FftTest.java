package org.neurostream.bci.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FftTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 12, 15, 25, 97, 127, 160, 210, 243, 256, 320, 1000, 1031})
    void forwardEqualsDirectDftAndInverseRestoresTheInputForRadix2MixedRadixAndBluesteinLengths(int n) {
        Random random = new Random(n);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
        }
        double[] fr = re.clone();
        double[] fi = im.clone();
        Fft fft = new Fft(n);
        fft.forward(fr, fi);
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double angle = -2 * Math.PI * ((long) j * k % n) / n;
                sr += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
                si += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
            }
            assertThat(fr[k]).isCloseTo(sr, within(1e-10 * n));
            assertThat(fi[k]).isCloseTo(si, within(1e-10 * n));
        }
        fft.inverse(fr, fi);
        for (int i = 0; i < n; i++) {
            assertThat(fr[i]).isCloseTo(re[i], within(1e-12 * n));
            assertThat(fi[i]).isCloseTo(im[i], within(1e-12 * n));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 10, 127, 128, 160, 250, 320, 1031, 2048})
    void realTransformEqualsComplexTransformOfRealInput(int n) {
        Random random = new Random(31L * n);
        double[] x = new double[n + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * 100;
        }
        double[] re = java.util.Arrays.copyOfRange(x, 3, n + 3);
        double[] im = new double[n];
        new Fft(n).forward(re, im);
        RealFft real = new RealFft(n);
        double[] outRe = new double[real.binCount()];
        double[] outIm = new double[real.binCount()];
        real.forward(x, 3, outRe, outIm);
        for (int k = 0; k < real.binCount(); k++) {
            assertThat(outRe[k]).isCloseTo(re[k], within(1e-11 * n));
            assertThat(outIm[k]).isCloseTo(im[k], within(1e-11 * n));
        }
    }
}
