package org.neurostream.bci.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurostream.bci.BciDspGolden.array;
import static org.neurostream.bci.BciDspGolden.assertClose;
import static org.neurostream.bci.BciDspGolden.doubles;
import static org.neurostream.bci.BciDspGolden.manifest;
import static org.neurostream.bci.BciDspGolden.shape;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class WelchGoldenTest {

    /** Builds the Java parameters from the scipy keyword arguments stored with each case. */
    static WelchParameters parameters(JsonNode c) {
        JsonNode window = c.get("window");
        WelchParameters p = window.isArray() ? WelchParameters.of(doubles(window))
                : WelchParameters.of(window.asText(), c.get("nperseg").asInt());
        if (c.has("noverlap")) {
            p = p.withOverlap(c.get("noverlap").asInt());
        }
        if (c.has("nfft")) {
            p = p.withFftLength(c.get("nfft").asInt());
        }
        if (c.has("detrend")) {
            JsonNode d = c.get("detrend");
            p = p.withDetrend(d.isBoolean() ? WelchParameters.Detrend.NONE
                    : WelchParameters.Detrend.valueOf(d.asText().toUpperCase(java.util.Locale.ROOT)));
        }
        if (c.has("scaling")) {
            p = p.withScaling(WelchParameters.Scaling.valueOf(c.get("scaling").asText().toUpperCase(
                    java.util.Locale.ROOT)));
        }
        if (c.has("average")) {
            p = p.withAverage(WelchParameters.Average.valueOf(c.get("average").asText().toUpperCase(
                    java.util.Locale.ROOT)));
        }
        return p;
    }

    @Test
    void psdMatchesScipyWelchForEveryParameterSet() {
        JsonNode cases = manifest().get("welch");
        assertThat(cases.size()).isGreaterThanOrEqualTo(6);
        for (JsonNode c : cases) {
            String input = c.get("input").asText();
            Welch welch = new Welch(parameters(c), c.get("sampleRateHz").asDouble());
            PowerSpectrum psd = welch.psd(array(input), shape(input)[0]);
            assertClose("welch freqs " + c, psd.frequenciesHz(), doubles(c.get("frequenciesHz")), 1e-12);
            assertClose("welch " + c, psd.values(), array(c.get("psd").asText()), 1e-9);
        }
    }

    @Test
    void signalShorterThanSegmentIsRejectedWithBothLengths() {
        Welch welch = new Welch(WelchParameters.of("hann", 256), 160);
        assertThatThrownBy(() -> welch.psd(new double[2 * 160], 2))
                .hasMessageContaining("160 samples, fewer than segmentLength (nperseg) 256");
    }

    @Test
    void invalidOverlapNamesTheAllowedRange() {
        assertThatThrownBy(() -> WelchParameters.of("hann", 128).withOverlap(128))
                .hasMessageContaining("[0, 128)").hasMessageContaining("got 128");
        assertThatThrownBy(() -> WelchParameters.of("kaiserish", 128))
                .hasMessageContaining("Invalid value for 'window'").hasMessageContaining("'kaiserish'");
    }
}
