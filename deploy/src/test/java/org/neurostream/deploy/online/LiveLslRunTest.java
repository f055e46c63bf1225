package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.operators.online.Prediction;
import org.neurostream.streams.lsl.PylslPeer;

/**
 * {@code neurostream run --source lsl:type=EEG ...} against live streams published by an independent pylsl peer
 * ({@code test-data/scripts/edf_lsl_outlet.py}, which plays an EDF recording's EEG and its cue markers), with the
 * predictions published as an LSL marker stream that a pylsl inlet receives.
 */
class LiveLslRunTest {
    private static final Path EDF = Path.of(System.getProperty("neurostream.test.data"), "eeg", "eegmmidb_S001",
            "S001R10.edf");
    private static final Path MODEL = Path.of(System.getProperty("neurostream.test.data"), "models",
            "S001R06-hands-feet-csp-lda.json");
    /** Playback speed of the peer: the 125 s run in about 5 s. */
    private static final String SPEED = "25";

    @TempDir
    static Path dir;
    static List<Prediction> fromFile;

    @BeforeAll
    static void replayTheFile() throws Exception {
        RunSpec spec = spec(List.of("file:" + EDF), dir.resolve("file"), false);
        fromFile = OnlineRunner.run(new OnlineJob(spec), p -> { }).predictions();
        assertThat(fromFile).hasSize(15);
    }

    private static RunSpec spec(List<String> sources, Path out, boolean lslOut) {
        return new RunSpec(sources, MODEL, Adaptation.defaults(Adaptation.Kind.LDA), false, false, null, out,
                Double.POSITIVE_INFINITY, RunSpec.DEFAULT_CHUNK_SAMPLES, null, 1000, null, lslOut, false);
    }

    private static List<String> lslSources(String id) {
        return List.of("lsl:type=EEG&source_id=" + id + "-eeg", "lsl:type=Markers&source_id=" + id + "-markers");
    }

    private static PylslPeer outlet(String id, String... extra) {
        List<String> args = new ArrayList<>(List.of(PylslPeer.script().resolveSibling("edf_lsl_outlet.py").toString(),
                EDF.toString(), "--name", id, "--source-id", id, "--speed", SPEED));
        args.addAll(List.of(extra));
        return PylslPeer.startScript(args.toArray(String[]::new));
    }

    /** Cue onset in the recording (s, rounded to ms) → prediction. */
    private static Map<Long, Prediction> byOnset(List<Prediction> predictions, double t0) {
        Map<Long, Prediction> out = new TreeMap<>();
        for (Prediction p : predictions) {
            out.put(Math.round((p.cueSeconds() - t0) * 1000), p);
        }
        return out;
    }

    @Test
    void liveStreamsGiveTheFileReplaysPredictionsAndPublishThemToLsl() throws Exception {
        String id = PylslPeer.uniqueId("live-run");
        RunSpec spec = spec(lslSources(id), dir.resolve("live"), true);
        OnlineJob job = new OnlineJob(spec);
        try (PylslPeer amplifier = outlet(id);
             PylslPeer receiver = PylslPeer.start("inlet", "--pred", "name='" + OnlineRunner.PREDICTIONS_STREAM
                     + "' and source_id='" + job.predictionsSourceId() + "'", "--samples", "15", "--timeout", "90")) {
            List<Prediction> live = OnlineRunner.run(job, p -> { }, Duration.ofSeconds(90), all -> all.size() == 15)
                    .predictions();
            double t0 = Double.parseDouble(amplifier.awaitLine("READY", Duration.ofSeconds(5)).substring(6));

            assertThat(live).hasSize(15);
            assertThat(live).allSatisfy(p -> assertThat(p.recording()).isEqualTo(OnlineJob.LIVE_SESSION));
            Map<Long, Prediction> file = byOnset(fromFile, 0);
            Map<Long, Prediction> lsl = byOnset(live, t0);
            assertThat(lsl.keySet()).containsExactlyElementsOf(file.keySet());
            for (Long onset : file.keySet()) {
                assertThat(lsl.get(onset).actual()).isEqualTo(file.get(onset).actual());
                assertThat(lsl.get(onset).predicted()).as("trial at %d ms", onset)
                        .isEqualTo(file.get(onset).predicted());
                assertThat(lsl.get(onset).score()).isCloseTo(file.get(onset).score(), within(1e-6));
            }

            JsonNode received = receiver.awaitJson(Duration.ofSeconds(30));
            List<String> values = new ArrayList<>();
            List<Long> onsets = new ArrayList<>();
            for (int i = 0; i < received.get("samples").size(); i++) {
                values.add(received.get("samples").get(i).get(0).asText());
                onsets.add(Math.round((received.get("timestamps").get(i).asDouble() - t0) * 1000));
            }
            assertThat(values).containsExactlyElementsOf(live.stream().map(Prediction::predicted).toList());
            assertThat(onsets).containsExactlyElementsOf(lsl.keySet());
        }
    }

    @Test
    void aVanishingStreamIsReportedByNameAndTheJobGoesOnWhenItReturns() throws Exception {
        String id = PylslPeer.uniqueId("live-vanish");
        RunSpec spec = spec(lslSources(id), dir.resolve("vanish"), false);
        StringWriter log = new StringWriter();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder().setName("vanish-" + id).setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
        appender.start();
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
        try (PylslPeer first = outlet(id, "--to-seconds", "60", "--linger", "0")) {
            Thread second = new Thread(() -> {
                try {
                    double t0 = Double.parseDouble(first.awaitLine("READY", Duration.ofSeconds(60)).substring(6));
                    first.awaitJson(Duration.ofSeconds(60));
                    first.close();
                    // The amplifier's software comes back 2 s later and plays the rest, on the same time line.
                    Thread.sleep(2000);
                    try (PylslPeer rest = outlet(id, "--from-seconds", "64", "--t0", Double.toString(t0))) {
                        rest.awaitJson(Duration.ofSeconds(60));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "second-amplifier-session");
            second.start();
            // Every trial of the file whose cue and window are outside the 60..64 s hole: all but the cue at 62.3 s.
            List<Long> expected = byOnset(fromFile, 0).keySet().stream()
                    .filter(onsetMillis -> onsetMillis + 2000 < 60_000 || onsetMillis >= 64_000).toList();
            assertThat(expected).hasSize(14);
            List<Prediction> live = OnlineRunner.run(new OnlineJob(spec), p -> { }, Duration.ofSeconds(90),
                    all -> all.size() == expected.size()).predictions();
            second.join(60_000);
            double t0 = live.get(0).cueSeconds() - expected.get(0) / 1000.0;
            assertThat(byOnset(live, t0).keySet()).as("trials before and after the stream vanished")
                    .containsExactlyElementsOf(expected);
            assertThat(log.toString()).contains(id + "-eeg");
            assertThat(log.toString()).containsPattern("LSL stream [^\\n]*" + id + "-eeg[^\\n]*(lost|sent nothing|gap)");
        } finally {
            config.getRootLogger().removeAppender(appender.getName());
            context.updateLoggers();
            appender.stop();
        }
    }
}
