package org.neurostream.streams.format.xdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurostream.streams.format.ClockOffset;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;

/**
 * Every XDF file in test-data/xdf read by {@link XdfReader} equals what pyxdf reports for it
 * (test-data/golden/xdf, written by test-data/scripts/xdf_golden.py), with pyxdf's default options and without
 * dejittering: streams and their order, metadata, sample counts, clock offsets, marker strings, exact per-channel
 * sums, minima and maxima, and every timestamp.
 */
class XdfReaderGoldenTest {
    /**
     * Dejittered timestamps agree with pyxdf to 1e-9 s: pyxdf fits each segment's line with numpy's SVD-based
     * {@code lstsq}, this reader with a centred sum, and the two round differently in the last bits (measured: at
     * most 2 ulps, 4.7e-10 s, on these files).
     */
    private static final double DEJITTERED_TOLERANCE_SECONDS = 1e-9;
    /**
     * Clock-synchronized raw timestamps agree to 1e-11 s (measured: at most 1.2e-12 s, ~10 ulps, on clock_resets.xdf):
     * the robust clock-offset fit reproduces numpy's summation order, so it matches pyxdf bit for bit on most streams.
     */
    private static final double SYNCHRONIZED_TOLERANCE_SECONDS = 1e-11;

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> filesAndOptionSets() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(XdfTestFiles.testData().resolve("xdf"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".xdf")).sorted().toList()) {
                cases.add(Arguments.of(file.getFileName().toString(), "pyxdf_defaults"));
                cases.add(Arguments.of(file.getFileName().toString(), "no_dejitter"));
            }
        }
        assertThat(cases).hasSize(10);
        return cases.stream();
    }

    private static XdfReadOptions options(String optionSet) {
        return switch (optionSet) {
            case "pyxdf_defaults" -> XdfReadOptions.defaults();
            case "no_dejitter" -> XdfReadOptions.defaults().withDejitterTimestamps(false);
            default -> throw new IllegalArgumentException(optionSet);
        };
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("filesAndOptionSets")
    void everyStreamMatchesPyxdf(String fileName, String optionSet) throws IOException {
        Path file = XdfTestFiles.xdf(fileName);
        String stem = fileName.substring(0, fileName.length() - ".xdf".length());
        JsonNode golden = JSON.readTree(XdfTestFiles.golden(stem + ".json").toFile())
                .get("option_sets").get(optionSet).get("streams");

        Recording recording = XdfReader.read(file, options(optionSet));

        assertThat(recording.format()).isEqualTo("XDF");
        assertThat(recording.streams()).hasSize(golden.size());
        for (int i = 0; i < golden.size(); i++) {
            assertStreamMatches(fileName, optionSet, recording.streams().get(i), golden.get(i));
        }
    }

    private static void assertStreamMatches(String fileName, String optionSet, RecordedStream stream,
                                            JsonNode expected)
            throws IOException {
        StreamDescription d = stream.description();
        String key = fileName + "#" + expected.get("stream_id").asLong();
        assertThat(d.streamKey()).isEqualTo(key);
        assertThat(d.name()).as(key).isEqualTo(expected.get("name").asText());
        assertThat(d.type()).as(key).isEqualTo(expected.get("type").asText());
        assertThat(d.sourceId()).as(key).isEqualTo(expected.get("source_id").asText());
        assertThat(d.channelCount()).as(key).isEqualTo(expected.get("channel_count").asInt());
        assertThat(d.nominalRateHz()).as(key).isEqualTo(expected.get("nominal_srate").asDouble());
        assertThat(d.valueFormat().xdfName()).as(key).isEqualTo(expected.get("channel_format").asText());
        List<ChannelInfo> channels = new ArrayList<>();
        for (JsonNode ch : expected.get("channels")) {
            channels.add(new ChannelInfo(ch.get("label").asText(), ch.get("unit").asText(), ch.get("type").asText()));
        }
        assertThat(d.channels()).as(key).isEqualTo(channels);

        int n = expected.get("sample_count").asInt();
        assertThat(stream.sampleCount()).as(key + " sample count").isEqualTo(n);
        List<ClockOffset> offsets = new ArrayList<>();
        for (int i = 0; i < expected.get("clock_times").size(); i++) {
            offsets.add(new ClockOffset(expected.get("clock_times").get(i).asDouble(),
                    expected.get("clock_values").get(i).asDouble()));
        }
        assertThat(stream.clockOffsets()).as(key + " clock offsets")
                .hasSize(expected.get("clock_offset_count").asInt()).isEqualTo(offsets);

        double tolerance = optionSet.equals("no_dejitter")
                ? SYNCHRONIZED_TOLERANCE_SECONDS : DEJITTERED_TOLERANCE_SECONDS;
        if (n > 0) {
            double[] ts = stream.timestampsSeconds();
            assertThat(ts[0]).as(key + " first timestamp")
                    .isCloseTo(expected.get("first_timestamp").asDouble(), within(tolerance));
            assertThat(ts[n - 1]).as(key + " last timestamp")
                    .isCloseTo(expected.get("last_timestamp").asDouble(), within(tolerance));
            double[] expectedTs = readFloat64(XdfTestFiles.golden(expected.get("timestamps_file").asText()));
            assertThat(expectedTs).hasSize(n);
            double worst = 0;
            int worstAt = -1;
            for (int i = 0; i < n; i++) {
                double diff = Math.abs(ts[i] - expectedTs[i]);
                if (!(diff <= worst)) {
                    worst = diff;
                    worstAt = i;
                }
            }
            assertThat(worst).as(key + ": largest timestamp difference (at sample " + worstAt + ")")
                    .isLessThanOrEqualTo(tolerance);
        }

        if (expected.has("markers")) {
            assertThat(stream.isMarkerStream()).as(key).isTrue();
            List<String> markers = new ArrayList<>();
            for (JsonNode sample : expected.get("markers")) {
                markers.add(sample.get(0).asText());
            }
            assertThat(stream.strings()).as(key + " markers").containsExactlyElementsOf(markers);
        } else {
            assertThat(stream.isMarkerStream()).as(key).isFalse();
            for (int c = 0; c < d.channelCount(); c++) {
                BigDecimal exactSum = BigDecimal.ZERO;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < n; s++) {
                    double v = stream.values()[c * n + s];
                    exactSum = exactSum.add(new BigDecimal(v));
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                assertThat(exactSum.doubleValue()).as(key + " channel " + c + " sum")
                        .isEqualTo(expected.get("channel_sums").get(c).asDouble());
                if (n > 0) {
                    assertThat(min).as(key + " channel " + c + " min")
                            .isEqualTo(expected.get("channel_min").get(c).asDouble());
                    assertThat(max).as(key + " channel " + c + " max")
                            .isEqualTo(expected.get("channel_max").get(c).asDouble());
                }
            }
        }
    }

    static double[] readFloat64(Path path) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[bytes.remaining() / Double.BYTES];
        bytes.asDoubleBuffer().get(values);
        return values;
    }
}
