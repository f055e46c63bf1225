package org.neurostream.bci.filter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurostream.bci.BciDspGolden.assertClose;
import static org.neurostream.bci.BciDspGolden.doubles;
import static org.neurostream.bci.BciDspGolden.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FirwinGoldenTest {

    @Test
    void tapsEqualScipyFirwinForEveryWindowAndBandLayout() {
        for (JsonNode c : manifest().get("firwin")) {
            double[] taps = Firwin.design(c.get("numtaps").asInt(), doubles(c.get("cutoffsHz")),
                    c.get("window").asText(), c.get("passZero").asBoolean(), c.get("scale").asBoolean(),
                    c.get("sampleRateHz").asDouble());
            assertClose("firwin " + c, taps, doubles(c.get("taps")), 1e-12);
        }
    }

    @Test
    void evenLengthHighpassIsRejected() {
        assertThatThrownBy(() -> Firwin.design(40, new double[] {10}, "hamming", false, true, 250))
                .hasMessageContaining("odd tapCount, but got 40");
    }

    @Test
    void cutoffAtNyquistIsRejectedWithBothNumbers() {
        assertThatThrownBy(() -> Firwin.design(41, new double[] {125}, "hamming", true, true, 250))
                .hasMessageContaining("125.0 Hz must be below the Nyquist frequency 125.0 Hz");
    }
}
