package org.neurostream.bci.spectral;

import static org.neurostream.bci.BciDspGolden.array;
import static org.neurostream.bci.BciDspGolden.assertClose;
import static org.neurostream.bci.BciDspGolden.doubles;
import static org.neurostream.bci.BciDspGolden.manifest;
import static org.neurostream.bci.BciDspGolden.shape;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CoherenceGoldenTest {

    private static CrossSpectra spectra(JsonNode c) {
        String input = c.get("input").asText();
        Welch welch = new Welch(WelchParameters.of("hann", c.get("nperseg").asInt()),
                c.get("sampleRateHz").asDouble());
        return welch.crossSpectra(array(input), shape(input)[0]);
    }

    @Test
    void magnitudeSquaredCoherenceMatchesScipyForAllPairs() {
        for (JsonNode c : manifest().get("coherence")) {
            ConnectivitySpectrum msc = Coherence.magnitudeSquared(spectra(c));
            assertClose("coherence freqs", msc.frequenciesHz(), doubles(c.get("frequenciesHz")), 1e-12);
            assertClose("msc " + c.get("input"), msc.values(), array(c.get("msc").asText()), 1e-9);
        }
    }

    @Test
    void imaginaryCoherenceMatchesWelchCrossSpectraFormula() {
        for (JsonNode c : manifest().get("coherence")) {
            ConnectivitySpectrum imag = Coherence.imaginary(spectra(c));
            assertClose("imaginary coherence " + c.get("input"), imag.values(), array(c.get("imaginary").asText()),
                    1e-9);
        }
    }

    @Test
    void nodeStrengthSumsBandAveragedAbsoluteImaginaryCoherenceOverOtherChannels() {
        for (JsonNode c : manifest().get("coherence")) {
            ConnectivitySpectrum imag = Coherence.imaginary(spectra(c)).abs();
            double[] expected = array(c.get("nodeStrengthAbsImag").asText());
            JsonNode bands = c.get("bandsHz");
            int channels = imag.channelCount();
            for (int b = 0; b < bands.size(); b++) {
                double[] strength = NodeStrength.compute(imag,
                        new FrequencyBand(bands.get(b).get(0).asDouble(), bands.get(b).get(1).asDouble()));
                double[] row = java.util.Arrays.copyOfRange(expected, b * channels, (b + 1) * channels);
                assertClose("node strength band " + bands.get(b), strength, row, 1e-9);
            }
        }
    }
}
