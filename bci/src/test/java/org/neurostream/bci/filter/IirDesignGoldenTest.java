package org.neurostream.bci.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurostream.bci.BciDspGolden.assertClose;
import static org.neurostream.bci.BciDspGolden.doubles;
import static org.neurostream.bci.BciDspGolden.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class IirDesignGoldenTest {

    @Test
    void butterworthSectionsEqualScipyButterSos() {
        JsonNode cases = manifest().get("butter");
        assertThat(cases.size()).isGreaterThanOrEqualTo(10);
        for (JsonNode c : cases) {
            SosCoefficients sos = IirDesign.butterworth(c.get("order").asInt(), BandType.parse(c.get("btype").asText()),
                    c.get("sampleRateHz").asDouble(), doubles(c.get("cutoffsHz")));
            assertClose("butter " + c, sos.coefficients(), doubles(c.get("sos")), 1e-10);
        }
    }

    @Test
    void chebyshevTypeOneSectionsEqualScipyCheby1Sos() {
        for (JsonNode c : manifest().get("cheby1")) {
            SosCoefficients sos = IirDesign.chebyshev1(c.get("order").asInt(), c.get("rippleDb").asDouble(),
                    BandType.parse(c.get("btype").asText()), c.get("sampleRateHz").asDouble(),
                    doubles(c.get("cutoffsHz")));
            assertClose("cheby1 " + c, sos.coefficients(), doubles(c.get("sos")), 1e-10);
        }
    }

    @Test
    void notchEqualsScipyIirnotch() {
        for (JsonNode c : manifest().get("notch")) {
            SosCoefficients sos = IirDesign.notch(c.get("notchHz").asDouble(), c.get("q").asDouble(),
                    c.get("sampleRateHz").asDouble());
            double[] expected = new double[6];
            System.arraycopy(doubles(c.get("b")), 0, expected, 0, 3);
            System.arraycopy(doubles(c.get("a")), 0, expected, 3, 3);
            assertClose("notch " + c, sos.coefficients(), expected, 1e-12);
        }
    }

    @Test
    void cutoffAtOrAboveNyquistNamesBothFrequencies() {
        assertThatThrownBy(() -> IirDesign.butterworth(4, BandType.LOWPASS, 250.0, 125.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("125.0 Hz")
                .hasMessageContaining("Nyquist frequency 125.0 Hz")
                .hasMessageContaining("sampleRateHz 250.0");
        assertThatThrownBy(() -> IirDesign.butterworth(4, BandType.BANDPASS, 160.0, 8.0, 90.0))
                .hasMessageContaining("highCutoffHz 90.0 Hz must be below the Nyquist frequency 80.0 Hz");
    }

    @Test
    void bandFilterWithOneCutoffIsRejected() {
        assertThatThrownBy(() -> IirDesign.butterworth(4, BandType.BANDPASS, 250.0, 8.0))
                .hasMessageContaining("bandpass filter needs 2 cutoff frequencies, but got 1");
    }

    @Test
    void unknownBandTypeListsAllowedValues() {
        assertThatThrownBy(() -> BandType.parse("comb"))
                .hasMessageContaining("Allowed values are 'lowpass', 'highpass', 'bandpass' and 'bandstop'")
                .hasMessageContaining("'comb'");
    }
}
