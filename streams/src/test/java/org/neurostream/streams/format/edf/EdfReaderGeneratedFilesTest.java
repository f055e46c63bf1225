package org.neurostream.streams.format.edf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neurostream.streams.format.edf.EdfTestData.doubles;
import static org.neurostream.streams.format.edf.EdfTestData.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.record.ChannelInfo;

/**
 * The BDF, BDF+, EDF+D and mixed-rate files of test-data/edf-generated/ (written from the specs by
 * test-data/scripts/edf_generate.py) read by {@link EdfReader} against MNE-Python's reading of them.
 */
class EdfReaderGeneratedFilesTest {
    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest
    @ValueSource(strings = {"bdf_plus.bdf", "plain.bdf", "edf_plus_d.edf", "two_rates.edf"})
    void streamsChannelsRatesValuesAndAnnotationsEqualMnes(String name) throws IOException {
        JsonNode golden = EdfTestData.json("golden/edf/generated/" + name + ".json");
        Recording recording = EdfReader.read(EdfTestData.file(golden.get("file").asText()));

        assertThat(recording.format()).isEqualTo(golden.get("format").asText());
        assertThat(recording.problems()).isEmpty();
        List<String> expectedKeys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = golden.get("groups").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            String key = name + "#" + group.getKey();
            expectedKeys.add(key);
            JsonNode expected = group.getValue();
            RecordedStream stream = EdfTestData.stream(recording, key);
            assertThat(stream.description().channels()).extracting(ChannelInfo::label)
                    .containsExactly(strings(expected.get("ch_names")));
            assertThat(stream.description().nominalRateHz()).isEqualTo(expected.get("sfreq").asDouble());
            assertThat(stream.sampleCount()).isEqualTo(expected.get("n_times").asInt());
            EdfTestData.assertAllClose(stream.values(), EdfTestData.float64(expected.get("data").asText()),
                    TOLERANCE, key + " values");
            if (expected.has("timestamps")) {
                EdfTestData.assertAllClose(stream.timestampsSeconds(), doubles(expected.get("timestamps")), 1e-12,
                        key + " timestamps");
            } else {
                double rate = stream.description().nominalRateHz();
                double[] t = stream.timestampsSeconds();
                assertThat(t[0]).isEqualTo(0.0);
                assertThat(t[t.length - 1]).isEqualTo((t.length - 1) / rate);
            }
        }
        if (recording.format().endsWith("+")) {
            String key = name + "#annotations";
            expectedKeys.add(key);
            JsonNode ann = golden.get("annotations");
            RecordedStream markers = EdfTestData.stream(recording, key);
            assertThat(markers.strings()).containsExactly(strings(ann.get("description")));
            assertThat(markers.timestampsSeconds()).containsExactly(doubles(ann.get("onset")));
            assertThat(markers.durationsSeconds()).containsExactly(doubles(ann.get("duration")));
        }
        assertThat(recording.streams()).extracting(s -> s.description().streamKey())
                .containsExactlyElementsOf(expectedKeys);
    }

    @Test
    void discontinuousRecordTimestampsShowTheGapsBetweenRecords() throws IOException {
        RecordedStream eeg = EdfTestData.stream(EdfReader.read(EdfTestData.file("edf-generated/edf_plus_d.edf")),
                "edf_plus_d.edf#eeg");
        double[] t = eeg.timestampsSeconds();
        // Records start at +3.25, +3.75, +5.0, +5.5 and +12.0 s; 50 samples of 0.01 s each.
        assertThat(t[0]).isEqualTo(0.0);
        assertThat(t[50]).isEqualTo(0.5);
        assertThat(t[100]).isEqualTo(1.75);
        assertThat(t[200]).isEqualTo(8.75);
    }

    @Test
    void signalsAtDifferentRatesBecomeOneStreamPerRateWithTypesFromLabelPrefixes() throws IOException {
        Recording recording = EdfReader.read(EdfTestData.file("edf-generated/two_rates.edf"));
        RecordedStream temp = EdfTestData.stream(recording, "two_rates.edf#temp");
        assertThat(temp.description().type()).isEqualTo("TEMP");
        assertThat(temp.description().channels()).containsExactly(new ChannelInfo("Temp rectal", "degC", "TEMP"));
        assertThat(EdfTestData.stream(recording, "two_rates.edf#eeg-50Hz").description().nominalRateHz())
                .isEqualTo(50.0);
    }

    @Test
    void bdfSamplesKeepTheir24BitExtremes() throws IOException {
        RecordedStream eeg = EdfTestData.stream(EdfReader.read(EdfTestData.file("edf-generated/plain.bdf")),
                "plain.bdf#eeg");
        // Record 0 starts at digital minimum -8388608 and ends at the maximum 8388607 (physical -1000 / +1000; the
        // maximum is one rounding step off because MNE's order of operations is kept).
        assertThat(eeg.values()[0]).isEqualTo(-1000.0);
        assertThat(eeg.values()[31]).isCloseTo(1000.0, org.assertj.core.api.Assertions.within(1e-12));
    }
}
