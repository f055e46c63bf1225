package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.deploy.replay.ReplayJob;
import org.neurostream.streams.flink.replay.ReplayPacing;
import org.neurostream.streams.format.xdf.XdfWriter;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/** 64 channels at 1 kHz through a replay job: what reaches the browser stays within the decimation bound. */
class DecimationBoundTest {
    private static final int CHANNELS = 64;
    private static final double RATE_HZ = 1000;
    private static final int SECONDS = 6;
    private static final int FLAT_CHANNEL = 10;

    /** Writes an XDF with one 64-channel 1 kHz EEG stream: 10 Hz sines in noise, channel 10 constant. */
    private static Path writeXdf(Path dir) throws Exception {
        Path file = dir.resolve("eeg64x1k.xdf");
        List<ChannelInfo> channels = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            channels.add(new ChannelInfo("E" + (c + 1), "microvolts", "EEG"));
        }
        StreamDescription d = new StreamDescription("eeg", "eeg64", "EEG", "synthetic-64", CHANNELS, RATE_HZ,
                ValueFormat.FLOAT32, channels);
        Random random = new Random(7);
        try (XdfWriter w = XdfWriter.open(file)) {
            long id = w.addStream(d, "");
            int n = (int) RATE_HZ / 10;
            for (int block = 0; block < SECONDS * 10; block++) {
                double[] values = new double[CHANNELS * n];
                double[] t = new double[n];
                for (int s = 0; s < n; s++) {
                    int i = block * n + s;
                    t[s] = i / RATE_HZ;
                    for (int c = 0; c < CHANNELS; c++) {
                        values[c * n + s] = c == FLAT_CHANNEL ? 4.0
                                : 20 * Math.sin(2 * Math.PI * 10 * t[s] + c) + 5 * random.nextGaussian();
                    }
                }
                w.writeSamples(id, SampleChunk.withTimestamps("eeg", CHANNELS, values, t, RATE_HZ));
            }
        }
        return file;
    }

    @Test
    void sixtyFourChannelsAtOneKilohertzReachThePageAtMost250PointsPerSecond(@TempDir Path dir) throws Exception {
        Path xdf = writeXdf(dir);
        int port = DashboardClient.freePort();
        // Real-time pace: the replay lasts 6 s, well beyond the time the client needs to connect on a loaded machine
        // (signal events are live only; a client that connects after the end would see none).
        ReplayJob job = new ReplayJob(List.of(xdf), ReplayPacing.realTime(1), 100, 1,
                new DashboardOptions("127.0.0.1", port, null));
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                job.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DashboardClient client = new DashboardClient(port);
        client.awaitInfo(Duration.ofSeconds(90));
        List<DashboardClient.Event> events = client.readEventsUntilEnd();
        run.get();

        List<DashboardClient.Event> signals = events.stream().filter(e -> e.name().equals("signal")).toList();
        assertThat(signals).isNotEmpty();
        long pointsPerChannel = 0;
        boolean flatFlagged = false;
        for (DashboardClient.Event e : signals) {
            JsonNode s = e.data();
            assertThat(s.get("values")).hasSize(CHANNELS);
            int points = s.get("values").get(0).size();
            // A block's rate spreads its points over the time they cover: 250 per second, except that a block that
            // ends the signal (or a segment before a gap) closes its last bucket early, so one min/max pair may
            // cover fewer samples than a full bucket: at most 250 per second for all but that one pair.
            double maxRateHz = points <= 2 ? Double.POSITIVE_INFINITY
                    : DashboardTap.TARGET_POINTS_PER_SECOND * points / (points - 2.0);
            assertThat(s.get("rateHz").asDouble()).isLessThanOrEqualTo(maxRateHz + 1e-9);
            for (JsonNode channel : s.get("values")) {
                assertThat(channel).hasSize(points);
            }
            pointsPerChannel += points;
            for (JsonNode bad : s.get("badChannels")) {
                flatFlagged |= bad.asInt() == FLAT_CHANNEL;
                assertThat(bad.asInt()).isEqualTo(FLAT_CHANNEL);
            }
        }
        // the decimated blocks cover at most the whole recording: 250 points per channel per second of signal
        assertThat(pointsPerChannel).isPositive().isLessThanOrEqualTo((long) (SECONDS * 250));
        double wallSeconds = (signals.get(signals.size() - 1).receivedNanos() - signals.get(0).receivedNanos()) / 1e9;
        // and per second of wall clock: shown signal time stays within about a second of real time
        assertThat(pointsPerChannel).isLessThanOrEqualTo((long) (250 * (wallSeconds + DashboardTap.BURST_SECONDS
                + 0.1 /* one chunk */ + 1)));
        assertThat(flatFlagged).as("the constant channel is marked bad").isTrue();
        List<JsonNode> bandPower = DashboardClient.named(events, "bandpower");
        assertThat(bandPower).isNotEmpty();
        assertThat(bandPower.get(0).get("valuesDb").get(FLAT_CHANNEL).isNull()).as("no power in a flat channel")
                .isTrue();
    }
}
