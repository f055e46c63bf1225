package org.neurostream.bci.spectral;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurostream.bci.BciDspGolden.array;
import static org.neurostream.bci.BciDspGolden.assertClose;
import static org.neurostream.bci.BciDspGolden.doubles;
import static org.neurostream.bci.BciDspGolden.manifest;
import static org.neurostream.bci.BciDspGolden.shape;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BandPowerGoldenTest {

    private static PowerSpectrum eegPsd() {
        return new Welch(WelchParameters.of("hann", 160), 160.0).psd(array("eeg_slice"), shape("eeg_slice")[0]);
    }

    @Test
    void absoluteRelativeAndLogBandPowerMatchNumpyIntegration() {
        PowerSpectrum psd = eegPsd();
        for (JsonNode c : manifest().get("bandpower")) {
            FrequencyBand band = new FrequencyBand(c.get("lowHz").asDouble(), c.get("highHz").asDouble());
            assertClose("trapezoid " + band, BandPower.absolute(psd, band, BandPower.Integration.TRAPEZOID),
                    doubles(c.get("absoluteTrapezoid")), 1e-9);
            assertClose("rectangle " + band, BandPower.absolute(psd, band, BandPower.Integration.RECTANGLE),
                    doubles(c.get("absoluteRectangle")), 1e-9);
            assertClose("relative " + band, BandPower.relative(psd, band, BandPower.Integration.TRAPEZOID),
                    doubles(c.get("relativeTrapezoid")), 1e-9);
            assertClose("log10 " + band, BandPower.log10(psd, band, BandPower.Integration.TRAPEZOID),
                    doubles(c.get("log10Trapezoid")), 1e-9);
        }
    }

    @Test
    void logVarianceMatchesNumpy() {
        JsonNode c = manifest().get("logVariance");
        assertClose("log-variance", LogVariance.compute(array("eeg_slice"), shape("eeg_slice")[0]),
                doubles(c.get("values")), 1e-12);
    }

    @Test
    void bandWithoutBinsNamesTheGrid() {
        PowerSpectrum psd = eegPsd();
        assertThatThrownBy(() -> BandPower.absolute(psd, new FrequencyBand(10.2, 10.8),
                BandPower.Integration.TRAPEZOID))
                .hasMessageContaining("No frequency bin lies in [10.2, 10.8] Hz")
                .hasMessageContaining("spacing 1.0 Hz");
    }
}
