package org.neurostream.streams.format.edf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.neurostream.streams.format.edf.EdfTestData.channel;
import static org.neurostream.streams.format.edf.EdfTestData.doubles;
import static org.neurostream.streams.format.edf.EdfTestData.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.Marker;

/**
 * PhysioNet eegmmidb S001R04.edf read by {@link EdfReader} against what MNE-Python's {@code read_raw_edf} returns
 * (golden files from test-data/scripts/edf_golden.py).
 */
class EdfReaderGoldenTest {
    private static final double MICROVOLT_TOLERANCE = 1e-9;
    private static Recording recording;
    private static RecordedStream eeg;
    private static RecordedStream annotations;
    private static JsonNode golden;

    @BeforeAll
    static void readOnce() throws IOException {
        recording = EdfReader.read(EdfTestData.file("eeg/S001R04.edf"));
        eeg = EdfTestData.stream(recording, "S001R04.edf#eeg");
        annotations = EdfTestData.stream(recording, "S001R04.edf#annotations");
        golden = EdfTestData.json("golden/edf/S001R04.json");
    }

    @Test
    void recordingIsEdfPlusWithOneEegAndOneAnnotationStreamAndNoProblems() {
        assertThat(recording.format()).isEqualTo("EDF+");
        assertThat(recording.streams()).extracting(s -> s.description().streamKey())
                .containsExactly("S001R04.edf#eeg", "S001R04.edf#annotations");
        assertThat(recording.problems()).isEmpty();
    }

    @Test
    void has64ChannelsOf20000SamplesAt160HzNamedAsMneNamesThem() {
        assertThat(eeg.description().channelCount()).isEqualTo(64);
        assertThat(eeg.sampleCount()).isEqualTo(20_000).isEqualTo(golden.get("n_times").asInt());
        assertThat(eeg.description().nominalRateHz()).isEqualTo(160.0).isEqualTo(golden.get("sfreq").asDouble());
        assertThat(eeg.description().channels()).extracting(ChannelInfo::label)
                .containsExactly(strings(golden.get("ch_names")));
        assertThat(eeg.description().channels()).extracting(ChannelInfo::unit).containsOnly("uV");
        assertThat(eeg.description().channels()).extracting(ChannelInfo::type).containsOnly("EEG");
        assertThat(eeg.description().type()).isEqualTo("EEG");
    }

    @Test
    void timestampsAreSecondsFromTheFirstSample() {
        double[] t = eeg.timestampsSeconds();
        assertThat(t[0]).isEqualTo(0.0);
        assertThat(t[160]).isEqualTo(1.0);
        assertThat(t[19_999]).isEqualTo(19_999 / 160.0);
    }

    @Test
    void has30AnnotationsWithMnesOnsetsDurationsAndTexts() {
        JsonNode ann = golden.get("annotations");
        assertThat(annotations.isMarkerStream()).isTrue();
        assertThat(annotations.sampleCount()).isEqualTo(30);
        assertThat(annotations.strings()).containsExactly(strings(ann.get("description")));
        assertThat(annotations.timestampsSeconds()).containsExactly(doubles(ann.get("onset")));
        assertThat(annotations.durationsSeconds()).containsExactly(doubles(ann.get("duration")));
        Map<String, Long> counts = Arrays.stream(annotations.strings())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("T0", 15L, "T1", 8L, "T2", 7L));
    }

    @Test
    void markersCarryTheirDurations() {
        Marker first = (Marker) annotations.slice(0, 1).get(0);
        assertThat(first.value()).isEqualTo("T0");
        assertThat(first.timestampSeconds()).isEqualTo(0.0);
        assertThat(first.durationSeconds()).isEqualTo(golden.get("annotations").get("duration").get(0).asDouble());
    }

    @Test
    void allSamplesOfC3CzC4EqualMnesMicrovolts() throws IOException {
        double[] expected = EdfTestData.float64("golden/edf/S001R04_C3_Cz_C4.bin");
        String[] names = strings(golden.get("full_channels"));
        int n = eeg.sampleCount();
        assertThat(expected).hasSize(names.length * n);
        for (int k = 0; k < names.length; k++) {
            int c = indexOf(names[k]);
            double[] actual = channel(eeg, c, n);
            double[] want = Arrays.copyOfRange(expected, k * n, (k + 1) * n);
            EdfTestData.assertAllClose(actual, want, MICROVOLT_TOLERANCE, names[k]);
        }
    }

    @Test
    void firstThousandSamplesOfEveryChannelEqualMnesMicrovolts() throws IOException {
        double[] expected = EdfTestData.float64("golden/edf/S001R04_first1000.bin");
        int first = golden.get("first_samples").asInt();
        assertThat(expected).hasSize(64 * first);
        for (int c = 0; c < 64; c++) {
            EdfTestData.assertAllClose(channel(eeg, c, first),
                    Arrays.copyOfRange(expected, c * first, (c + 1) * first), MICROVOLT_TOLERANCE, "channel " + c);
        }
    }

    @Test
    void perChannelSumSquaresMinAndMaxOfAllSamplesEqualMnes() {
        JsonNode stats = golden.get("stats_uv");
        int n = eeg.sampleCount();
        for (int c = 0; c < 64; c++) {
            double[] x = channel(eeg, c, n);
            double sum = 0;
            double squares = 0;
            for (double v : x) {
                sum += v;
                squares += v * v;
            }
            // Summation order differs from numpy's pairwise sums; the samples are whole µV, so both are exact here
            // up to the rounding of MNE's V -> µV round trip.
            assertThat(sum).as("sum of channel %d", c).isCloseTo(stats.get("sum").get(c).asDouble(), within(1e-6));
            assertThat(squares).as("sum of squares of channel %d", c)
                    .isCloseTo(stats.get("sum_of_squares").get(c).asDouble(), within(1e-3));
            assertThat(Arrays.stream(x).min().orElseThrow()).isCloseTo(stats.get("min").get(c).asDouble(),
                    within(MICROVOLT_TOLERANCE));
            assertThat(Arrays.stream(x).max().orElseThrow()).isCloseTo(stats.get("max").get(c).asDouble(),
                    within(MICROVOLT_TOLERANCE));
        }
    }

    @Test
    void headerStartDateAndTimeAreKeptForInspection() {
        assertThat(eeg.headerXml()).contains("<startdate>12.08.09</startdate>", "<starttime>16.15.00</starttime>",
                "<format>EDF+</format>");
    }

    @Test
    void dispatcherRecognisesEdfByMagic() throws IOException {
        Recording viaDispatcher = Recordings.read(EdfTestData.file("eeg/S001R04.edf"));
        assertThat(viaDispatcher.format()).isEqualTo("EDF+");
        assertThat(EdfTestData.stream(viaDispatcher, "S001R04.edf#eeg").values()).isEqualTo(eeg.values());
    }

    @Test
    void bytesEntryPointReadsTheSameAsThePathEntryPoint() throws IOException {
        byte[] content = java.nio.file.Files.readAllBytes(EdfTestData.file("eeg/S001R04.edf"));
        Recording fromBytes = EdfReader.read(content, java.nio.file.Path.of("S001R04.edf"));
        assertThat(EdfTestData.stream(fromBytes, "S001R04.edf#eeg").values()).isEqualTo(eeg.values());
        assertThat(EdfTestData.stream(fromBytes, "S001R04.edf#annotations").strings())
                .containsExactly(annotations.strings());
    }

    private static int indexOf(String label) {
        for (int c = 0; c < eeg.description().channelCount(); c++) {
            if (eeg.description().channelLabel(c).equals(label)) {
                return c;
            }
        }
        throw new AssertionError("No channel " + label);
    }
}
