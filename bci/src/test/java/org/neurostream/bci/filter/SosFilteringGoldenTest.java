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

class SosFilteringGoldenTest {

    /** The design is made in Java from the case's parameters, so the test covers design and filtering together. */
    private static SosCoefficients design(JsonNode c) {
        JsonNode d = c.get("design");
        double fs = c.get("sampleRateHz").asDouble();
        return switch (d.get("type").asText()) {
            case "butter" -> IirDesign.butterworth(d.get("order").asInt(), BandType.parse(d.get("btype").asText()), fs,
                    doubles(d.get("cutoffsHz")));
            case "cheby1" -> IirDesign.chebyshev1(d.get("order").asInt(), d.get("rippleDb").asDouble(),
                    BandType.parse(d.get("btype").asText()), fs, doubles(d.get("cutoffsHz")));
            case "notch" -> IirDesign.notch(d.get("notchHz").asDouble(), d.get("q").asDouble(), fs);
            default -> throw new IllegalStateException("unknown design " + d);
        };
    }

    @Test
    void sosfiltMatchesScipyOnRandomAndRealEeg() {
        for (JsonNode c : manifest().get("sosfilt")) {
            String input = c.get("input").asText();
            double[] x = array(input);
            int channels = shape(input)[0];
            double[] y = SosFiltering.sosfilt(design(c), x, channels);
            assertClose("sosfilt " + c.get("design"), y, array(c.get("sosfilt").asText()), 1e-9);
        }
    }

    @Test
    void sosfiltfiltMatchesScipyIncludingPadding() {
        for (JsonNode c : manifest().get("sosfilt")) {
            String input = c.get("input").asText();
            SosCoefficients sos = design(c);
            assertThat(SosFiltering.defaultPadLength(sos)).as("padlen").isEqualTo(c.get("padlen").asInt());
            double[] y = SosFiltering.sosfiltfilt(sos, array(input), shape(input)[0]);
            assertClose("sosfiltfilt " + c.get("design"), y, array(c.get("sosfiltfilt").asText()), 1e-9);
        }
    }

    @Test
    void sosfiltZiAndSteadyStateStartMatchScipy() {
        for (JsonNode c : manifest().get("sosfilt")) {
            String input = c.get("input").asText();
            SosCoefficients sos = design(c);
            assertClose("sosfilt_zi " + c.get("design"), SosFiltering.sosfiltZi(sos), doubles(c.get("zi")), 1e-9);
            double[] x = array(input);
            int channels = shape(input)[0];
            int n = x.length / channels;
            double[] first = new double[channels];
            for (int ch = 0; ch < channels; ch++) {
                first[ch] = x[ch * n];
            }
            StreamingSosFilter filter = new StreamingSosFilter(sos, channels);
            filter.initializeSteadyState(first);
            double[] y = x.clone();
            filter.process(y);
            assertClose("steady-state sosfilt " + c.get("design"), y, array(c.get("sosfiltSteadyState").asText()),
                    1e-9);
        }
    }

    @Test
    void signalNotLongerThanPaddingIsRejectedWithBothNumbers() {
        SosCoefficients sos = IirDesign.butterworth(4, BandType.LOWPASS, 250, 30);
        int padlen = SosFiltering.defaultPadLength(sos);
        assertThatThrownBy(() -> SosFiltering.sosfiltfilt(sos, new double[padlen], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(padlen + " samples per channel")
                .hasMessageContaining("padLength = " + padlen);
    }

    @Test
    void filterRejectsDataAtAnotherSampleRate() {
        StreamingSosFilter filter = new StreamingSosFilter(IirDesign.butterworth(2, BandType.HIGHPASS, 250, 1), 2);
        assertThatThrownBy(() -> filter.process(new double[10], 500.0))
                .hasMessageContaining("500.0 Hz").hasMessageContaining("250.0 Hz");
        assertThatThrownBy(() -> filter.process(new double[9]))
                .hasMessageContaining("9 values, which is not a multiple of 2 channels");
    }

    @Test
    void nanInChunkIsRejectedWithChannelAndSampleBeforeTouchingTheState() {
        StreamingSosFilter filter = new StreamingSosFilter(IirDesign.butterworth(2, BandType.HIGHPASS, 250, 1), 2);
        filter.process(new double[] {1, 2, 3, 4, 5, 6});
        double[] before = filter.state();
        double[] bad = {1, 2, 3, 4, Double.NaN, 6};
        assertThatThrownBy(() -> filter.process(bad))
                .hasMessageContaining("Chunk to filter contains NaN at channel 1, sample 1");
        assertThat(filter.state()).containsExactly(before);
    }

    @Test
    void stateRoundTripContinuesFilteringExactly() {
        SosCoefficients sos = IirDesign.butterworth(4, BandType.BANDPASS, 250, 8, 30);
        double[] x = array("random");
        int channels = shape("random")[0];
        double[] whole = SosFiltering.sosfilt(sos, x, channels);
        int n = x.length / channels;
        int split = 777;
        StreamingSosFilter first = new StreamingSosFilter(sos, channels);
        double[] head = new double[channels * split];
        double[] tail = new double[channels * (n - split)];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(x, c * n, head, c * split, split);
            System.arraycopy(x, c * n + split, tail, c * (n - split), n - split);
        }
        first.process(head);
        StreamingSosFilter restored = new StreamingSosFilter(sos, channels);
        restored.restoreState(first.state());
        restored.process(tail);
        for (int c = 0; c < channels; c++) {
            for (int s = 0; s < n - split; s++) {
                assertThat(tail[c * (n - split) + s]).isEqualTo(whole[c * n + split + s]);
            }
        }
    }
}
