package org.neurostream.bci.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurostream.bci.BciDspGolden.array;
import static org.neurostream.bci.BciDspGolden.assertClose;
import static org.neurostream.bci.BciDspGolden.doubles;
import static org.neurostream.bci.BciDspGolden.manifest;
import static org.neurostream.bci.BciDspGolden.shape;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MneFirFilterGoldenTest {

    private static Double nullable(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    @Test
    void tapsEqualMneCreateFilterDefaults() {
        for (JsonNode c : manifest().get("mne_fir")) {
            MneFirFilter filter = MneFirFilter.design(c.get("sampleRateHz").asDouble(), nullable(c.get("lFreqHz")),
                    nullable(c.get("hFreqHz")));
            assertClose("create_filter " + c.get("lFreqHz") + "-" + c.get("hFreqHz"), filter.taps(),
                    doubles(c.get("taps")), 1e-12);
        }
    }

    @Test
    void zeroPhaseFilteringEqualsMneFilterData() {
        for (JsonNode c : manifest().get("mne_fir")) {
            MneFirFilter filter = MneFirFilter.design(c.get("sampleRateHz").asDouble(), nullable(c.get("lFreqHz")),
                    nullable(c.get("hFreqHz")));
            String input = c.get("input").asText();
            double[] y = filter.apply(array(input), shape(input)[0]);
            assertClose("filter_data " + c.get("lFreqHz") + "-" + c.get("hFreqHz"), y,
                    array(c.get("filtered").asText()), 1e-9);
        }
    }

    @Test
    void autoParametersResolveAsMne() {
        MneFirFilter filter = MneFirFilter.design(160.0, 7.0, 30.0);
        assertThat(filter.lowTransitionHz()).isEqualTo(2.0);
        assertThat(filter.highTransitionHz()).isEqualTo(7.5);
        assertThat(filter.length()).isEqualTo(265);
    }

    @Test
    void filterLongerThanSignalStillMatchesConvolutionOfReflectedSignal() {
        MneFirFilter filter = MneFirFilter.design(160.0, 7.0, 30.0);
        double[] x = new double[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i * 0.7) + 0.01 * i;
        }
        double[] y = filter.apply(x, 1);
        // Direct time-domain convolution of the 'reflect_limited' padded signal as the reference.
        double[] h = filter.taps();
        int nEdge = x.length - 1;
        double[] ext = new double[x.length + 2 * nEdge];
        for (int i = 0; i < nEdge; i++) {
            ext[i] = 2 * x[0] - x[nEdge - i];
            ext[nEdge + x.length + i] = 2 * x[x.length - 1] - x[x.length - 2 - i];
        }
        System.arraycopy(x, 0, ext, nEdge, x.length);
        double[] expected = new double[x.length];
        int half = (h.length - 1) / 2;
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (int k = 0; k < h.length; k++) {
                int j = i + nEdge + half - k;
                if (j >= 0 && j < ext.length) {
                    sum += h[k] * ext[j];
                }
            }
            expected[i] = sum;
        }
        assertClose("long filter", y, expected, 1e-9);
    }

    @Test
    void highCutoffAtNyquistNamesBothNumbers() {
        assertThatThrownBy(() -> MneFirFilter.design(160.0, 7.0, 80.0))
                .hasMessageContaining("highCutoffHz 80.0 Hz must be below the Nyquist frequency 80.0 Hz");
    }
}
