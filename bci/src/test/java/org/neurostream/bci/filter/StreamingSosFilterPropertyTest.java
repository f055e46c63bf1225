package org.neurostream.bci.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StreamingSosFilterPropertyTest {

    private static SosCoefficients design(int order, int bandTypeIndex) {
        BandType type = BandType.values()[bandTypeIndex];
        return type.cutoffCount() == 1
                ? IirDesign.butterworth(order, type, 250.0, type == BandType.LOWPASS ? 40.0 : 1.0)
                : IirDesign.butterworth(order, type, 250.0, 8.0, 30.0);
    }

    @Property(tries = 200)
    void outputDoesNotDependOnChunking(@ForAll @IntRange(min = 1, max = 6) int order,
                                       @ForAll @IntRange(min = 0, max = 3) int bandType,
                                       @ForAll @IntRange(min = 1, max = 4) int channels,
                                       @ForAll @IntRange(min = 1, max = 600) int samples,
                                       @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 600) Integer> cuts,
                                       @ForAll long seed) {
        SosCoefficients sos = design(order, bandType);
        Random random = new Random(seed);
        double[] x = new double[channels * samples];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * 10 + 3;
        }
        double[] whole = SosFiltering.sosfilt(sos, x, channels);
        int[] boundaries = cuts.stream().mapToInt(c -> c % (samples + 1)).sorted().distinct().toArray();
        StreamingSosFilter filter = new StreamingSosFilter(sos, channels);
        double[] chunked = new double[x.length];
        int start = 0;
        for (int b = 0; b <= boundaries.length; b++) {
            int end = b < boundaries.length ? boundaries[b] : samples;
            int len = end - start;
            double[] chunk = new double[channels * len];
            for (int c = 0; c < channels; c++) {
                System.arraycopy(x, c * samples + start, chunk, c * len, len);
            }
            filter.process(chunk);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(chunk, c * len, chunked, c * samples + start, len);
            }
            start = end;
        }
        assertThat(chunked).containsExactly(whole);
    }
}
