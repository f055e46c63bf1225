package org.neurostream.streams.format.edf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;

/** Locates test-data/ and reads the golden files that test-data/scripts/edf_*.py write. */
final class EdfTestData {
    private EdfTestData() {
    }

    static Path testData() {
        String dir = System.getProperty("neurostream.test.data");
        return dir != null ? Path.of(dir) : Path.of("..", "test-data");
    }

    static Path file(String relative) {
        return testData().resolve(relative);
    }

    static JsonNode json(String relative) throws IOException {
        return new ObjectMapper().readTree(Files.readString(file(relative)));
    }

    /** A little-endian float64 file as doubles. */
    static double[] float64(String relative) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file(relative))).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[bytes.remaining() / Double.BYTES];
        bytes.asDoubleBuffer().get(values);
        return values;
    }

    /**
     * Asserts {@code |actual[i] - expected[i]| <= tolerance} for every i, reporting the worst sample (one AssertJ
     * assertion instead of one per sample keeps large comparisons fast).
     */
    static void assertAllClose(double[] actual, double[] expected, double tolerance, String what) {
        org.assertj.core.api.Assertions.assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        int worst = 0;
        double worstDiff = -1;
        for (int i = 0; i < actual.length; i++) {
            double diff = Math.abs(actual[i] - expected[i]);
            if (!(diff <= worstDiff)) {
                worst = i;
                worstDiff = diff;
            }
        }
        if (actual.length > 0) {
            org.assertj.core.api.Assertions.assertThat(actual[worst]).as("%s at index %d", what, worst)
                    .isCloseTo(expected[worst], org.assertj.core.api.Assertions.within(tolerance));
        }
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    static String[] strings(JsonNode array) {
        String[] values = new String[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asText();
        }
        return values;
    }

    static RecordedStream stream(Recording recording, String key) {
        return recording.streams().stream()
                .filter(s -> s.description().streamKey().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No stream '" + key + "' in " + recording.streams().stream()
                        .map(s -> s.description().streamKey()).toList()));
    }

    /** Samples {@code [0, count)} of channel {@code channel} of a numeric stream. */
    static double[] channel(RecordedStream stream, int channel, int count) {
        double[] out = new double[count];
        System.arraycopy(stream.values(), channel * stream.sampleCount(), out, 0, count);
        return out;
    }
}
