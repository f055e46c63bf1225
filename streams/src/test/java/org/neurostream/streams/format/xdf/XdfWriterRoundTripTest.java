package org.neurostream.streams.format.xdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * A file written by {@link XdfWriter} with every value format (numeric ones multi-channel), a string stream and
 * clock offsets loads in pyxdf (test-data/scripts/xdf_load.py) and in {@link XdfReader} with the same streams, values
 * and timestamps.
 */
class XdfWriterRoundTripTest {
    private static final String FILE_NAME = "roundtrip.xdf";
    private static final double T0 = 12_345.678;

    @TempDir
    static Path dir;
    static Path file;
    /** What was written, per stream id: description, timestamps, values (channel-major) or strings, offsets. */
    static final Map<Long, Written> WRITTEN = new LinkedHashMap<>();

    record Written(StreamDescription description, double[] timestamps, double[] values, String[] strings,
                   double[] clockTimes, double[] clockValues) {
    }

    /** A wall clock that advances one second per reading, so the writer inserts Boundary chunks. */
    static final class SteppingClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-02T03:04:05Z");

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }

    @BeforeAll
    static void writeFile() throws Exception {
        file = dir.resolve(FILE_NAME);
        Random random = new Random(42);
        try (XdfWriter writer = XdfWriter.open(file, new SteppingClock(), Duration.ofSeconds(3))) {
            writeNumeric(writer, random, ValueFormat.INT8, 3, 100, new double[] {-128, 127, 0});
            writeNumeric(writer, random, ValueFormat.INT16, 2, 250, new double[] {Short.MIN_VALUE, Short.MAX_VALUE});
            writeNumeric(writer, random, ValueFormat.INT32, 3, 500,
                    new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1});
            writeNumeric(writer, random, ValueFormat.INT64, 2, 10, new double[] {-0x1p63, 0x1p53});
            writeNumeric(writer, random, ValueFormat.FLOAT32, 4, 256, new double[] {Float.MAX_VALUE, -1e-30, 0, 1});
            writeNumeric(writer, random, ValueFormat.DOUBLE64, 3, 1000, new double[] {Double.MAX_VALUE, -1e-300, 0});
            writeMarkers(writer);
        }
    }

    private static void writeNumeric(XdfWriter writer, Random random, ValueFormat format, int channels, double rateHz,
                                     double[] extremes) throws Exception {
        String key = FILE_NAME + "#" + (WRITTEN.size() + 1);
        List<ChannelInfo> infos = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            infos.add(new ChannelInfo("C" + c + "-" + format.xdfName(), "microvolts", "EEG"));
        }
        StreamDescription d = new StreamDescription(key, "Amp " + format.xdfName(), "EEG", "src-" + format.xdfName(),
                channels, rateHz, format, infos);
        long id = writer.addStream(d, "<manufacturer>neurostream &amp; tests</manufacturer>");
        // Chunks of 300 (a 4-byte sample count), 7 (explicit, jittered) and 20 samples (implied by the rate).
        int[] sizes = {300, 7, 20};
        int total = Arrays.stream(sizes).sum();
        double[] all = new double[channels * total];
        double[] timestamps = new double[total];
        int offset = 0;
        for (int chunk = 0; chunk < sizes.length; chunk++) {
            int n = sizes[chunk];
            double[] values = new double[channels * n];
            double[] ts = new double[n];
            for (int s = 0; s < n; s++) {
                int sample = offset + s;
                ts[s] = T0 + sample / rateHz + (chunk == 1 ? random.nextGaussian() * 1e-4 : 0);
                for (int c = 0; c < channels; c++) {
                    double v = sample < extremes.length && c == 0 ? extremes[sample] : randomValue(random, format);
                    values[c * n + s] = v;
                    all[c * total + sample] = format == ValueFormat.FLOAT32 ? (double) (float) v : v;
                }
            }
            SampleChunk sampleChunk = chunk == 2
                    ? SampleChunk.regular(key, channels, values, ts[0], rateHz)
                    : SampleChunk.withTimestamps(key, channels, values, ts, rateHz);
            for (int s = 0; s < n; s++) {
                timestamps[offset + s] = sampleChunk.timestampSeconds(s);
            }
            writer.writeSamples(id, sampleChunk);
            offset += n;
        }
        double[] clockTimes = new double[0];
        double[] clockValues = new double[0];
        if (format == ValueFormat.DOUBLE64 || format == ValueFormat.INT16) {
            clockTimes = new double[6];
            clockValues = new double[6];
            for (int k = 0; k < clockTimes.length; k++) {
                clockTimes[k] = T0 + 0.05 * k;
                clockValues[k] = 0.0123 + 2e-6 * k + random.nextGaussian() * 1e-7;
                writer.writeClockOffset(id, clockTimes[k], clockValues[k]);
            }
        }
        WRITTEN.put(id, new Written(d, timestamps, all, null, clockTimes, clockValues));
    }

    private static double randomValue(Random random, ValueFormat format) {
        return switch (format) {
            case INT8 -> random.nextInt(256) - 128;
            case INT16 -> random.nextInt(65536) - 32768;
            case INT32 -> random.nextInt();
            case INT64 -> (double) (random.nextLong() >> 11);
            case FLOAT32 -> random.nextGaussian() * 100;
            default -> random.nextGaussian() * 1e5;
        };
    }

    private static void writeMarkers(XdfWriter writer) throws Exception {
        String key = FILE_NAME + "#" + (WRITTEN.size() + 1);
        StreamDescription d = new StreamDescription(key, "Cues", "Markers", "cue-source", 1,
                StreamDescription.IRREGULAR_RATE, ValueFormat.STRING, List.of(new ChannelInfo("Marker", "", "")));
        long id = writer.addStream(d, "");
        String[] values = {"T1", "", "ÄÖÜ µV 脑电", "<xml attr=\"1\">&amp;</xml>", "x".repeat(300), "T2"};
        double[] ts = new double[values.length];
        List<Marker> markers = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ts[i] = T0 + 0.4 * i + 0.0001 * i * i;
            markers.add(Marker.of(key, ts[i], values[i]));
        }
        writer.writeMarkers(id, markers.subList(0, 2));
        writer.writeMarkers(id, markers.subList(2, values.length));
        double[] clockTimes = {T0, T0 + 1, T0 + 2};
        double[] clockValues = {-0.5, -0.5001, -0.5002};
        for (int k = 0; k < 3; k++) {
            writer.writeClockOffset(id, clockTimes[k], clockValues[k]);
        }
        WRITTEN.put(id, new Written(d, ts, null, values, clockTimes, clockValues));
    }

    @Test
    void pyxdfLoadsTheSameStreamsValuesAndTimestamps() throws Exception {
        JsonNode streams = PyxdfProcess.load(file, "--no-sync", "--no-dejitter");

        assertThat(streams).hasSize(WRITTEN.size());
        int i = 0;
        for (Map.Entry<Long, Written> e : WRITTEN.entrySet()) {
            JsonNode s = streams.get(i++);
            Written w = e.getValue();
            StreamDescription d = w.description();
            String what = d.name();
            assertThat(s.get("stream_id").asLong()).as(what).isEqualTo(e.getKey());
            assertThat(s.get("name").asText()).as(what).isEqualTo(d.name());
            assertThat(s.get("type").asText()).as(what).isEqualTo(d.type());
            assertThat(s.get("source_id").asText()).as(what).isEqualTo(d.sourceId());
            assertThat(s.get("channel_count").asInt()).as(what).isEqualTo(d.channelCount());
            assertThat(s.get("nominal_srate").asDouble()).as(what).isEqualTo(d.nominalRateHz());
            assertThat(s.get("channel_format").asText()).as(what).isEqualTo(d.valueFormat().xdfName());
            List<ChannelInfo> channels = new ArrayList<>();
            s.get("channels").forEach(c -> channels.add(
                    new ChannelInfo(c.get("label").asText(), c.get("unit").asText(), c.get("type").asText())));
            assertThat(channels).as(what).isEqualTo(d.channels());
            assertThat(doubles(s.get("time_stamps"))).as(what + " timestamps").containsExactly(w.timestamps());
            assertThat(doubles(s.get("clock_times"))).as(what).containsExactly(w.clockTimes());
            assertThat(doubles(s.get("clock_values"))).as(what).containsExactly(w.clockValues());
            int n = w.timestamps().length;
            assertThat(s.get("footer").get("sample_count").asInt()).as(what).isEqualTo(n);
            assertThat(Double.parseDouble(s.get("footer").get("first_timestamp").asText()))
                    .isEqualTo(w.timestamps()[0]);
            assertThat(Double.parseDouble(s.get("footer").get("last_timestamp").asText()))
                    .isEqualTo(w.timestamps()[n - 1]);
            JsonNode series = s.get("time_series");
            if (w.strings() != null) {
                List<String> strings = new ArrayList<>();
                series.get(0).forEach(v -> strings.add(v.asText()));
                assertThat(strings).as(what).containsExactly(w.strings());
            } else {
                for (int c = 0; c < d.channelCount(); c++) {
                    assertThat(doubles(series.get(c))).as(what + " channel " + c)
                            .containsExactly(Arrays.copyOfRange(w.values(), c * n, (c + 1) * n));
                }
            }
        }
    }

    @Test
    void xdfReaderReadsBackExactlyWhatWasWritten() throws Exception {
        Recording recording = XdfReader.read(file,
                XdfReadOptions.defaults().withSynchronizeClocks(false).withDejitterTimestamps(false));

        assertThat(recording.problems()).isEmpty();
        assertThat(recording.streams()).hasSize(WRITTEN.size());
        int i = 0;
        for (Written w : WRITTEN.values()) {
            RecordedStream s = recording.streams().get(i++);
            assertThat(s.description()).isEqualTo(w.description());
            assertThat(s.timestampsSeconds()).containsExactly(w.timestamps());
            if (w.strings() != null) {
                assertThat(s.strings()).containsExactly(w.strings());
            } else {
                assertThat(s.values()).containsExactly(w.values());
            }
            assertThat(s.clockOffsets()).hasSize(w.clockTimes().length);
            for (int k = 0; k < w.clockTimes().length; k++) {
                assertThat(s.clockOffsets().get(k).collectionTimeSeconds()).isEqualTo(w.clockTimes()[k]);
                assertThat(s.clockOffsets().get(k).offsetSeconds()).isEqualTo(w.clockValues()[k]);
            }
            assertThat(s.headerXml()).contains("<channel_format>" + w.description().valueFormat().xdfName());
            if (w.strings() == null) {
                assertThat(s.headerXml()).contains("<manufacturer>neurostream &amp; tests</manufacturer>");
            }
            assertThat(s.footerXml()).contains("<sample_count>" + w.timestamps().length + "</sample_count>");
        }
    }

    @Test
    void clockSynchronizedAndDejitteredTimestampsMatchPyxdfOnTheWrittenFile() throws Exception {
        JsonNode streams = PyxdfProcess.load(file);
        Recording recording = XdfReader.read(file);

        for (int i = 0; i < streams.size(); i++) {
            double[] expected = doubles(streams.get(i).get("time_stamps"));
            double[] actual = recording.streams().get(i).timestampsSeconds();
            assertThat(actual).hasSameSizeAs(expected);
            for (int s = 0; s < expected.length; s++) {
                assertThat(actual[s]).as("stream %d sample %d", i, s).isCloseTo(expected[s], within(1e-9));
            }
        }
    }

    @Test
    void boundaryChunksAreWrittenPeriodically() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int boundaries = 0;
        for (int p = 0; p + 16 <= bytes.length; p++) {
            if (Arrays.equals(bytes, p, p + 16, XdfFormat.BOUNDARY_SIGNATURE, 0, 16)) {
                boundaries++;
            }
        }
        // The stepping clock advances 1 s per chunk and boundaries come every 3 s; the file has ~50 chunks.
        assertThat(boundaries).isGreaterThanOrEqualTo(10);
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
