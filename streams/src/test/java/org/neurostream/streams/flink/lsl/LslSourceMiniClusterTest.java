package org.neurostream.streams.flink.lsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neurostream.streams.lsl.PylslPeer;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;

/** The LSL source in a real Flink MiniCluster, fed by pylsl outlets over loopback. */
class LslSourceMiniClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        return env;
    }

    @Test
    void pylslSamplesTimestampsAndChannelMetadataArriveUnchangedInAFlinkJob() throws Exception {
        String id = PylslPeer.uniqueId("flink-eeg");
        int samples = 300;
        try (PylslPeer peer = PylslPeer.start("outlet", "--name", id, "--type", "EEG", "--source-id", id,
                "--channels", "3", "--rate", "250", "--samples", "" + samples, "--chunk", "20",
                "--labels", "C3,Cz,C4", "--units", "microvolts,microvolts,microvolts", "--types", "EEG,EEG,EEG",
                "--wait-consumer", "20")) {
            peer.awaitLine("OUTLET", WAIT);
            String predicate = "source_id='" + id + "'";
            List<StreamDescription> described = LslSource.describe(predicate, Duration.ofSeconds(5));
            assertThat(described).hasSize(1);
            StreamDescription description = described.get(0);
            assertThat(description.streamKey()).isEqualTo(id + "#" + id + "#EEG");
            assertThat(description.channels()).containsExactly(new ChannelInfo("C3", "microvolts", "EEG"),
                    new ChannelInfo("Cz", "microvolts", "EEG"), new ChannelInfo("C4", "microvolts", "EEG"));
            assertThat(description.nominalRateHz()).isEqualTo(250.0);

            LslSource source = LslSource.builder().predicate(predicate).postProcessing(Set.of()).build();
            StreamExecutionEnvironment env = environment();
            List<SampleChunk> chunks = new ArrayList<>();
            int received = 0;
            try (CloseableIterator<StreamData> it = env.fromSource(source,
                    LslSource.watermarks(Duration.ofMillis(50), Duration.ofSeconds(1)), "lsl").executeAndCollect()) {
                while (received < samples && it.hasNext()) {
                    SampleChunk chunk = (SampleChunk) it.next();
                    chunks.add(chunk);
                    received += chunk.sampleCount();
                }
            }
            JsonNode pushed = peer.awaitJson(WAIT);
            assertThat(received).isEqualTo(samples);
            int s = 0;
            for (SampleChunk chunk : chunks) {
                assertThat(chunk.streamKey()).isEqualTo(description.streamKey());
                assertThat(chunk.channelCount()).isEqualTo(3);
                assertThat(chunk.nominalRateHz()).isEqualTo(250.0);
                for (int k = 0; k < chunk.sampleCount(); k++, s++) {
                    assertThat(chunk.timestampSeconds(k)).isEqualTo(pushed.get("timestamps").get(s).asDouble());
                    for (int c = 0; c < 3; c++) {
                        assertThat(chunk.value(c, k)).isEqualTo((double) (float) PylslPeer.numericValue(s, c));
                    }
                }
            }
        }
    }

    @Test
    void aStreamKilledAndRestartedMidJobIsOneReportedGapAndTheJobGoesOn() throws Exception {
        String id = PylslPeer.uniqueId("flink-gap");
        String[] outletArgs = {"outlet", "--name", id, "--type", "EEG", "--source-id", id, "--channels", "2",
                "--rate", "100", "--samples", "0", "--chunk", "5", "--realtime", "--wait-consumer", "0",
                "--no-record"};
        PylslPeer first = PylslPeer.start(outletArgs);
        PylslPeer second = null;
        try {
            first.awaitLine("OUTLET", WAIT);
            LslSource source = LslSource.builder().predicate("source_id='" + id + "'")
                    .gapThreshold(Duration.ofMillis(300)).build();
            StreamExecutionEnvironment env = environment();
            List<Marker> gaps = new ArrayList<>();
            double killedAt = Double.NaN;
            double restartedAt = Double.NaN;
            int samplesAfterRestart = 0;
            int samplesBeforeKill = 0;
            try (CloseableIterator<StreamData> it = env.fromSource(source,
                    LslSource.watermarks(Duration.ofMillis(50), Duration.ofSeconds(1)), "lsl").executeAndCollect()) {
                while (it.hasNext() && samplesAfterRestart < 100) {
                    StreamData element = it.next();
                    if (element instanceof Marker gap) {
                        gaps.add(gap);
                    } else if (second == null) {
                        samplesBeforeKill += ((SampleChunk) element).sampleCount();
                        if (samplesBeforeKill >= 50) {
                            first.kill();
                            killedAt = org.neurostream.streams.lsl.Lsl.localClock();
                            Thread.sleep(1000);
                            second = PylslPeer.start(outletArgs);
                            second.awaitLine("OUTLET", WAIT);
                            restartedAt = org.neurostream.streams.lsl.Lsl.localClock();
                        }
                    } else if (element.firstTimestampSeconds() > killedAt) {
                        samplesAfterRestart += ((SampleChunk) element).sampleCount();
                    }
                }
            }
            assertThat(samplesAfterRestart).isGreaterThanOrEqualTo(100);
            assertThat(gaps).hasSize(1);
            Marker gap = gaps.get(0);
            assertThat(gap.streamKey()).isEqualTo(id + "#" + id + "#EEG" + LslSource.GAP_STREAM_SUFFIX);
            assertThat(gap.value()).isEqualTo(LslSource.GAP_MARKER);
            // the outlet was down from the kill until the new one pushed its first sample
            assertThat(gap.durationSeconds()).isGreaterThan(restartedAt - killedAt - 0.2)
                    .isLessThan(restartedAt - killedAt + 3.0);
            assertThat(gap.timestampSeconds()).isLessThan(killedAt + 0.05);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void anIdleMarkerStreamDoesNotStallWatermarks() throws Exception {
        String eeg = PylslPeer.uniqueId("flink-wm-eeg");
        String markers = PylslPeer.uniqueId("flink-wm-mrk");
        try (PylslPeer eegPeer = PylslPeer.start("outlet", "--name", eeg, "--type", "EEG", "--source-id", eeg,
                "--channels", "2", "--rate", "100", "--samples", "0", "--chunk", "5", "--realtime",
                "--wait-consumer", "0", "--no-record");
             PylslPeer markerPeer = PylslPeer.start("outlet", "--name", markers, "--type", "Markers",
                     "--source-id", markers, "--channels", "1", "--rate", "0", "--format", "string",
                     "--samples", "1", "--chunk", "1", "--wait-consumer", "20", "--linger", "30")) {
            eegPeer.awaitLine("OUTLET", WAIT);
            markerPeer.awaitLine("OUTLET", WAIT);
            LslSource source = LslSource.builder()
                    .predicate("source_id='" + eeg + "' or source_id='" + markers + "'").build();
            StreamExecutionEnvironment env = environment();
            boolean sawMarker = false;
            long lastWatermark = Long.MIN_VALUE;
            long firstEegMillisAfterMarker = Long.MAX_VALUE;
            try (CloseableIterator<long[]> it = env.fromSource(source,
                            LslSource.watermarks(Duration.ofMillis(20), Duration.ofMillis(300)), "lsl")
                    .process(new WatermarkProbe()).returns(long[].class)
                    .executeAndCollect()) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (it.hasNext() && System.nanoTime() < deadline) {
                    long[] probe = it.next(); // {isMarker, elementMillis, currentWatermark}
                    if (probe[0] == 1) {
                        sawMarker = true;
                    } else if (sawMarker && firstEegMillisAfterMarker == Long.MAX_VALUE) {
                        firstEegMillisAfterMarker = probe[1];
                    }
                    lastWatermark = probe[2];
                    if (sawMarker && lastWatermark > firstEegMillisAfterMarker + 1000) {
                        break;
                    }
                }
            }
            assertThat(sawMarker).isTrue();
            // the marker stream has been silent since its one marker, yet event time keeps following the EEG
            assertThat(lastWatermark).isGreaterThan(firstEegMillisAfterMarker + 1000);
        }
    }

    /** Emits {isMarker, element event time, current watermark} for each element. */
    private static final class WatermarkProbe extends ProcessFunction<StreamData, long[]> {
        @Override
        public void processElement(StreamData value, Context ctx, Collector<long[]> out) {
            out.collect(new long[] {value instanceof Marker ? 1 : 0, ctx.timestamp(),
                    ctx.timerService().currentWatermark()});
        }
    }
}
