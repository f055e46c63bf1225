package org.neurostream.streams.lsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.ValueFormat;

/** The binding against pylsl, the independent peer, over loopback: both directions, every pushed format. */
class LslInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void pylslOutletSamplesTimestampsAndChannelMetadataArriveUnchanged() {
        String id = PylslPeer.uniqueId("py-eeg");
        int samples = 250;
        try (PylslPeer peer = PylslPeer.start("outlet", "--name", id, "--type", "EEG", "--source-id", id,
                "--channels", "3", "--rate", "250", "--format", "float32", "--samples", "" + samples,
                "--chunk", "25", "--labels", "C3,Cz,C4", "--units", "microvolts,microvolts,microvolts",
                "--types", "EEG,EEG,EEG")) {
            peer.awaitLine("OUTLET", WAIT);
            List<LslStreamInfo> found = Lsl.resolveByProperty("source_id", id, 1, WAIT);
            assertThat(found).hasSize(1);
            try (LslStreamInfo resolved = found.get(0); LslInlet inlet = LslInlet.open(resolved);
                 LslStreamInfo info = inlet.fullInfo(WAIT)) {
                assertThat(info.name()).isEqualTo(id);
                assertThat(info.type()).isEqualTo("EEG");
                assertThat(info.channelCount()).isEqualTo(3);
                assertThat(info.nominalRateHz()).isEqualTo(250.0);
                assertThat(info.valueFormat()).isEqualTo(ValueFormat.FLOAT32);
                assertThat(info.sourceId()).isEqualTo(id);
                assertThat(info.hostname()).isNotEmpty();
                assertThat(info.channels()).containsExactly(new ChannelInfo("C3", "microvolts", "EEG"),
                        new ChannelInfo("Cz", "microvolts", "EEG"), new ChannelInfo("C4", "microvolts", "EEG"));
                assertThat(info.desc().child("acquisition").childValue("manufacturer"))
                        .isEqualTo("neurostream-test");
                inlet.openStream(WAIT);

                float[] values = new float[samples * 3];
                double[] stamps = new double[samples];
                int received = pullAll(inlet, values, stamps, samples);

                JsonNode pushed = peer.awaitJson(WAIT);
                assertThat(received).isEqualTo(samples);
                for (int s = 0; s < samples; s++) {
                    assertThat(stamps[s]).as("timestamp %d", s).isEqualTo(pushed.get("timestamps").get(s).asDouble());
                    for (int c = 0; c < 3; c++) {
                        assertThat(values[s * 3 + c]).isEqualTo((float) PylslPeer.numericValue(s, c));
                    }
                }
            }
        }
    }

    @Test
    void pylslStringMarkersArriveUnchanged() {
        String id = PylslPeer.uniqueId("py-markers");
        int samples = 20;
        try (PylslPeer peer = PylslPeer.start("outlet", "--name", id, "--type", "Markers", "--source-id", id,
                "--channels", "1", "--rate", "0", "--format", "string", "--samples", "" + samples, "--chunk", "3")) {
            peer.awaitLine("OUTLET", WAIT);
            List<LslStreamInfo> found = Lsl.resolveByPredicate("source_id='" + id + "'", 1, WAIT);
            try (LslStreamInfo resolved = found.get(0); LslInlet inlet = LslInlet.open(resolved)) {
                assertThat(resolved.valueFormat()).isEqualTo(ValueFormat.STRING);
                assertThat(resolved.nominalRateHz()).isZero();
                inlet.openStream(WAIT);
                String[] markers = new String[samples];
                double[] stamps = new double[samples];
                int received = 0;
                long deadline = System.nanoTime() + WAIT.toNanos();
                String[] buffer = new String[8];
                double[] ts = new double[8];
                while (received < samples && System.nanoTime() < deadline) {
                    int n = inlet.pullAvailable(buffer, ts, Duration.ofMillis(200));
                    System.arraycopy(buffer, 0, markers, received, n);
                    System.arraycopy(ts, 0, stamps, received, n);
                    received += n;
                }
                JsonNode pushed = peer.awaitJson(WAIT);
                assertThat(received).isEqualTo(samples);
                for (int s = 0; s < samples; s++) {
                    assertThat(markers[s]).isEqualTo(PylslPeer.stringValue(s, 0));
                    assertThat(stamps[s]).isEqualTo(pushed.get("timestamps").get(s).asDouble());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ValueFormat.class, names = {"FLOAT32", "DOUBLE64", "INT32", "STRING"})
    void javaOutletIsReadCorrectlyByPylslInlet(ValueFormat format) {
        String id = PylslPeer.uniqueId("java-" + format.xdfName());
        int channels = 2;
        int samples = 120;
        double rate = format == ValueFormat.STRING ? 0 : 500;
        try (PylslPeer peer = PylslPeer.start("inlet", "--pred", "source_id='" + id + "'",
                "--samples", "" + samples, "--timeout", "10");
             LslStreamInfo info = LslStreamInfo.create(id, "EEG", channels, rate, format, id)) {
            info.appendChannels(List.of(new ChannelInfo("Fp1", "microvolts", "EEG"),
                    new ChannelInfo("Fp2", "microvolts", "EEG")));
            try (LslOutlet outlet = LslOutlet.create(info)) {
                peer.awaitLine("READY", WAIT);
                assertThat(outlet.waitForConsumers(WAIT)).isTrue();
                double t0 = Lsl.localClock();
                double[] stamps = new double[samples];
                for (int s = 0; s < samples; s++) {
                    stamps[s] = t0 + s * 0.002;
                }
                for (int from = 0; from < samples; from += 30) {
                    pushChunk(outlet, format, from, 30, channels, java.util.Arrays.copyOfRange(stamps, from, from + 30));
                }
                JsonNode read = peer.awaitJson(WAIT);
                assertThat(read.get("name").asText()).isEqualTo(id);
                assertThat(read.get("source_id").asText()).isEqualTo(id);
                assertThat(read.get("channel_count").asInt()).isEqualTo(channels);
                assertThat(read.get("nominal_srate").asDouble()).isEqualTo(rate);
                assertThat(read.get("channels").get(1).get("label").asText()).isEqualTo("Fp2");
                assertThat(read.get("channels").get(1).get("unit").asText()).isEqualTo("microvolts");
                assertThat(read.get("samples")).hasSize(samples);
                for (int s = 0; s < samples; s++) {
                    assertThat(read.get("timestamps").get(s).asDouble()).isEqualTo(stamps[s]);
                    for (int c = 0; c < channels; c++) {
                        JsonNode v = read.get("samples").get(s).get(c);
                        switch (format) {
                            case STRING -> assertThat(v.asText()).isEqualTo(PylslPeer.stringValue(s, c));
                            case INT32 -> assertThat(v.asInt()).isEqualTo(s * 8 + c);
                            default -> assertThat(v.asDouble()).isEqualTo(PylslPeer.numericValue(s, c));
                        }
                    }
                }
            }
        }
    }

    @Test
    void clocksyncPostProcessingKeepsLoopbackTimestampsWithinAMillisecond() {
        String id = PylslPeer.uniqueId("py-sync");
        try (PylslPeer peer = PylslPeer.start("outlet", "--name", id, "--source-id", id, "--channels", "2",
                "--rate", "100", "--samples", "50", "--chunk", "5")) {
            peer.awaitLine("OUTLET", WAIT);
            try (LslStreamInfo resolved = Lsl.resolveByProperty("source_id", id, 1, WAIT).get(0);
                 LslInlet inlet = LslInlet.open(resolved)) {
                inlet.setPostProcessing(Set.of(LslPostProcessing.CLOCKSYNC, LslPostProcessing.MONOTONIZE));
                inlet.openStream(WAIT);
                LslTimeCorrection correction = inlet.timeCorrection(WAIT);
                assertThat(Math.abs(correction.offsetSeconds())).isLessThan(1e-3);
                assertThat(correction.uncertaintySeconds()).isGreaterThanOrEqualTo(0);
                float[] values = new float[100];
                double[] stamps = new double[50];
                int received = pullAll(inlet, values, stamps, 50);
                JsonNode pushed = peer.awaitJson(WAIT);
                assertThat(received).isEqualTo(50);
                for (int s = 0; s < 50; s++) {
                    assertThat(stamps[s]).isCloseTo(pushed.get("timestamps").get(s).asDouble(),
                            org.assertj.core.data.Offset.offset(1e-3));
                }
                assertThat(inlet.wasClockReset()).isFalse();
            }
        }
    }

    static int pullAll(LslInlet inlet, float[] values, double[] stamps, int samples) {
        int channels = inlet.channelCount();
        float[] buffer = new float[64 * channels];
        double[] ts = new double[64];
        int received = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (received < samples && System.nanoTime() < deadline) {
            int n = inlet.pullAvailable(buffer, ts, Duration.ofMillis(200));
            n = Math.min(n, samples - received);
            System.arraycopy(buffer, 0, values, received * channels, n * channels);
            System.arraycopy(ts, 0, stamps, received, n);
            received += n;
        }
        return received;
    }

    private static void pushChunk(LslOutlet outlet, ValueFormat format, int from, int n, int channels,
                                  double[] stamps) {
        switch (format) {
            case FLOAT32 -> {
                float[] v = new float[n * channels];
                for (int k = 0; k < n; k++) {
                    for (int c = 0; c < channels; c++) {
                        v[k * channels + c] = (float) PylslPeer.numericValue(from + k, c);
                    }
                }
                outlet.pushChunk(v, n, stamps);
            }
            case DOUBLE64 -> {
                double[] v = new double[n * channels];
                for (int k = 0; k < n; k++) {
                    for (int c = 0; c < channels; c++) {
                        v[k * channels + c] = PylslPeer.numericValue(from + k, c);
                    }
                }
                outlet.pushChunk(v, n, stamps);
            }
            case INT32 -> {
                int[] v = new int[n * channels];
                for (int k = 0; k < n; k++) {
                    for (int c = 0; c < channels; c++) {
                        v[k * channels + c] = (from + k) * 8 + c;
                    }
                }
                outlet.pushChunk(v, n, stamps);
            }
            case STRING -> {
                String[] v = new String[n * channels];
                for (int k = 0; k < n; k++) {
                    for (int c = 0; c < channels; c++) {
                        v[k * channels + c] = PylslPeer.stringValue(from + k, c);
                    }
                }
                outlet.pushChunk(v, n, stamps);
            }
            default -> throw new IllegalArgumentException(format.name());
        }
    }
}
