package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The publisher writes every SSE message straight into one reused byte buffer. What it writes must be exactly what
 * Jackson reads back as the protocol's JSON: strings (escapes, UTF-8 beyond ASCII, surrogate pairs), integers, doubles
 * and trace values rounded to 6 significant digits.
 */
class DashboardMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NAMES = {"a.xdf#1", "ünïcødé \"quoted\" \\ back\nslash\ttab", "emoji \uD83D\uDE00 x",
        "control \u0001 and \u2028", "日本語のストリーム"};

    /** The event name and the parsed data line of one SSE message. */
    private record Parsed(String event, JsonNode data) {
    }

    private static Parsed parse(byte[] message) throws Exception {
        String text = new String(message, StandardCharsets.UTF_8);
        assertThat(text).startsWith("event: ").endsWith("\n\n");
        String[] lines = text.substring(0, text.length() - 2).split("\n", -1);
        assertThat(lines).hasSize(2); // the JSON is one line: newlines in strings are escaped
        assertThat(lines[1]).startsWith("data: ");
        return new Parsed(lines[0].substring("event: ".length()), JSON.readTree(lines[1].substring(6)));
    }

    /**
     * A trace value as written: rounded to 6 significant digits (to an integer from 10^5 up to 10^9), null when not
     * finite; so it reads back within half a unit of its last digit (plus the double's own rounding).
     */
    private static void assertCompact(JsonNode node, double expected) {
        if (!Double.isFinite(expected)) {
            assertThat(node.isNull()).isTrue();
        } else if (expected == 0) {
            assertThat(node.asText()).isEqualTo("0");
        } else {
            double magnitude = Math.abs(expected);
            double unit = magnitude >= 1e5 && magnitude < 1e9 ? 1
                    : BigDecimal.ONE.movePointLeft(6 - new BigDecimal(magnitude).precision()
                            + new BigDecimal(magnitude).scale()).doubleValue();
            assertThat(node.asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(
                    unit / 2 + magnitude * 1e-15));
        }
    }

    private static double[] randomValues(Random r, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            int kind = r.nextInt(8);
            v[k] = kind == 0 ? Double.NaN : kind == 1 ? 0 : kind == 2 ? Math.round(r.nextGaussian() * 100)
                    : kind == 3 ? Double.NEGATIVE_INFINITY : r.nextGaussian() * Math.pow(10, r.nextInt(12) - 3);
        }
        return v;
    }

    @Test
    void signalMessagesReadBackAsTheBlockTheyDescribe() throws Exception {
        Random r = new Random(7);
        JsonText reused = new JsonText(16);
        for (int i = 0; i < 500; i++) {
            String stream = NAMES[r.nextInt(NAMES.length)];
            int channels = 1 + r.nextInt(6);
            int points = r.nextInt(30);
            double[] values = randomValues(r, channels * points);
            double t0 = r.nextDouble() * 1e4;
            double rate = r.nextBoolean() ? 250 : r.nextDouble() * 500;
            int[] bad = {r.nextInt(64), Integer.MIN_VALUE, Integer.MAX_VALUE};
            Parsed m = parse(DashboardMessages.encode(new DashboardEvent.Signal(stream, t0, rate, channels, values,
                    i % 2 == 0, bad), reused));
            assertThat(m.event()).isEqualTo("signal");
            assertThat(m.data().get("stream").asText()).isEqualTo(stream);
            assertThat(m.data().get("t0Seconds").asDouble()).isEqualTo(t0); // doubles other than traces: exact
            assertThat(m.data().get("rateHz").asDouble()).isEqualTo(rate);
            assertThat(m.data().get("channels").asInt()).isEqualTo(channels);
            assertThat(m.data().get("filtered").asBoolean()).isEqualTo(i % 2 == 0);
            List<Integer> badRead = new ArrayList<>();
            m.data().get("badChannels").forEach(n -> badRead.add(n.intValue()));
            assertThat(badRead).containsExactly(bad[0], bad[1], bad[2]);
            JsonNode rows = m.data().get("values");
            assertThat(rows).hasSize(channels);
            for (int c = 0; c < channels; c++) {
                assertThat(rows.get(c)).hasSize(points);
                for (int k = 0; k < points; k++) {
                    assertCompact(rows.get(c).get(k), values[c * points + k]);
                }
            }
        }
    }

    @Test
    void everyOtherEventReadsBackWithItsFields() throws Exception {
        JsonText reused = new JsonText(16);
        for (String name : NAMES) {
            Parsed cue = parse(DashboardMessages.encode(new DashboardEvent.Cue(name, 12.625, name + " label"),
                    reused));
            assertThat(cue.event()).isEqualTo("marker");
            assertThat(cue.data().get("stream").asText()).isEqualTo(name);
            assertThat(cue.data().get("timestampSeconds").asDouble()).isEqualTo(12.625);
            assertThat(cue.data().get("label").asText()).isEqualTo(name + " label");

            Parsed band = parse(DashboardMessages.encode(new DashboardEvent.BandPowerDb(name, 8, 13.5,
                    new double[] {-3.25, Double.NaN, 41.123456789}), reused));
            assertThat(band.event()).isEqualTo("bandpower");
            assertThat(band.data().get("bandHz").get(1).asDouble()).isEqualTo(13.5);
            assertCompact(band.data().get("valuesDb").get(0), -3.25);
            assertCompact(band.data().get("valuesDb").get(1), Double.NaN);
            assertCompact(band.data().get("valuesDb").get(2), 41.123456789);

            Parsed decision = parse(DashboardMessages.encode(new DashboardEvent.Decision(name, Long.MAX_VALUE,
                    3.5, List.of("T1", name), new double[] {0.25, 0.75}, name, null, 0.8125, -0.1, 1e20), reused));
            assertThat(decision.event()).isEqualTo("prediction");
            assertThat(decision.data().get("trial").asLong()).isEqualTo(Long.MAX_VALUE);
            assertThat(decision.data().get("probabilities").get(name).asDouble()).isEqualTo(0.75);
            assertThat(decision.data().get("predicted").asText()).isEqualTo(name);
            assertThat(decision.data().get("label").isNull()).isTrue();
            assertThat(decision.data().get("correct").isNull()).isTrue();
            assertThat(decision.data().get("kappa").asDouble()).isEqualTo(-0.1);
            assertThat(decision.data().get("latencyMs").asDouble()).isEqualTo(1e20);

            Parsed frame = parse(DashboardMessages.encode(new DashboardEvent.FrameImage(name, 42, 1.5, 2, 1, 1,
                    new byte[2]), reused));
            assertThat(frame.event()).isEqualTo("frame");
            assertThat(frame.data().get("url").asText()).isEqualTo(DashboardHub.frameUrl(name, 42));

            Parsed sparsity = parse(DashboardMessages.encode(new DashboardEvent.Sparsity(name, Long.MIN_VALUE,
                    List.of(name), new double[] {0.5}, new long[] {Long.MAX_VALUE}, new long[] {-7}), reused));
            assertThat(sparsity.event()).isEqualTo("sparsity");
            assertThat(sparsity.data().get("frameIndex").asLong()).isEqualTo(Long.MIN_VALUE);
            JsonNode layer = sparsity.data().get("layers").get(0);
            assertThat(layer.get("name").asText()).isEqualTo(name);
            assertThat(layer.get("effectiveMacs").asLong()).isEqualTo(Long.MAX_VALUE);
            assertThat(layer.get("denseMacs").asLong()).isEqualTo(-7);
        }
    }

    @Test
    void aReusedWriterWritesWhatAFreshOneWrites() {
        Random r = new Random(11);
        JsonText reused = new JsonText(16);
        for (int i = 0; i < 200; i++) {
            int channels = 1 + r.nextInt(4);
            DashboardEvent e = i % 3 == 0 ? new DashboardEvent.Cue(NAMES[i % NAMES.length], i, "x")
                    : new DashboardEvent.Signal(NAMES[i % NAMES.length], i * 0.1, 250, channels,
                            randomValues(r, channels * r.nextInt(50)), false, new int[0]);
            assertThat(DashboardMessages.encode(e, reused)).isEqualTo(DashboardMessages.encode(e, new JsonText(16)));
        }
    }

    @Test
    void stringsAreWrittenAsUtf8LikeTheJdkDoes() {
        for (String name : NAMES) {
            String expected = "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    .replace("\t", "\\t").replace("\u0001", "\\u0001").replace("\u2028", "\\u2028") + "\"";
            assertThat(new JsonText(4).value(name).toBytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }
    }
}
