package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.xdf.XdfReadOptions;
import org.neurostream.streams.format.xdf.XdfReader;
import org.neurostream.streams.lsl.Lsl;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.lsl.PylslPeer;
import org.neurostream.streams.record.StreamDescription;

/**
 * {@code neurostream play} then {@code neurostream record} of the XDF test recordings: every stream comes back with
 * the same metadata and samples, and relative timing (within and across streams) within 1 ms. Recordings longer than
 * about a second are played faster; their recorded timing is scaled back by the speed before comparing.
 */
class PlayRecordRoundTripTest {
    private static final double TOLERANCE_SECONDS = 1e-3;
    private static final double PASS_SECONDS = 1.0;
    /** As `play` reads: clock offsets applied, no dejittering. */
    private static final XdfReadOptions PLAYED = XdfReadOptions.defaults().withDejitterTimestamps(false);
    /** The recording of a loopback replay: timestamps exactly as the player pushed them. */
    private static final XdfReadOptions RAW = PLAYED.withSynchronizeClocks(false);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"minimal.xdf", "empty_streams.xdf", "clock_resets.xdf",
            "sub-P002_ses-S001_task-Default_run-001_eeg.xdf", "sub-P050_ses-S001_task-Default_run-001_eeg.xdf"})
    void playThenRecordPreservesSamplesMetadataAndRelativeTiming(String name) throws Exception {
        Path file = Path.of(System.getProperty("neurostream.test.data"), "xdf", name);
        Recording original = XdfReader.read(file, PLAYED);
        double span = span(original);
        double speed = Math.max(1.0, span / PASS_SECONDS);
        String prefix = PylslPeer.uniqueId("play") + "-";
        Path out = dir.resolve("replayed.xdf");

        CompletableFuture<CliRun> play = CompletableFuture.supplyAsync(() -> CliRun.of("play", file.toString(),
                "--speed", String.format(Locale.ROOT, "%.6f", speed), "--name-prefix", prefix,
                "--wait-for-consumers", "30", "--linger", "1"));
        String predicate = "starts-with(name,'" + prefix + "')";
        List<LslStreamInfo> visible = Lsl.resolveByPredicate(predicate, original.streams().size(),
                Duration.ofSeconds(15));
        visible.forEach(LslStreamInfo::close);
        assertThat(visible).hasSize(original.streams().size());
        CliRun record = CliRun.of("record", "--stream", predicate, "--out", out.toString(), "--duration",
                String.format(Locale.ROOT, "%.3f", span / speed + 2.5), "--resolve-wait", "1");
        CliRun played = play.get(60, TimeUnit.SECONDS);
        assertThat(played.exitCode()).as(played.err()).isZero();
        assertThat(record.exitCode()).as(record.err()).isZero();

        Recording replayed = XdfReader.read(out, RAW);
        assertThat(replayed.streams()).hasSize(original.streams().size());
        double originAnchor = firstTimestamp(original);
        double replayAnchor = firstTimestamp(replayed);
        List<RecordedStream> unmatched = new ArrayList<>(replayed.streams());
        for (RecordedStream o : original.streams()) {
            StreamDescription d = o.description();
            RecordedStream r = unmatched.stream()
                    .filter(s -> s.description().name().equals(prefix + d.name())
                            && s.description().type().equals(d.type())
                            && s.sampleCount() == o.sampleCount())
                    .findFirst().orElseThrow(() -> new AssertionError("No replayed stream " + d.name() + " ("
                            + d.type() + ", " + o.sampleCount() + " samples) in " + replayed.streams()));
            unmatched.remove(r);
            StreamDescription rd = r.description();
            assertThat(rd.nominalRateHz()).isEqualTo(d.nominalRateHz());
            assertThat(rd.valueFormat()).isEqualTo(d.valueFormat());
            assertThat(rd.channels()).isEqualTo(d.channels());
            if (o.isMarkerStream()) {
                assertThat(r.strings()).containsExactly(o.strings());
            } else {
                assertThat(rd.channelCount()).isEqualTo(d.channelCount());
                assertThat(r.values()).containsExactly(o.values());
            }
            for (int s = 0; s < o.sampleCount(); s++) {
                double originalRelative = o.timestampsSeconds()[s] - originAnchor;
                double replayedRelative = (r.timestampsSeconds()[s] - replayAnchor) * speed;
                assertThat(Math.abs(replayedRelative - originalRelative)).as("%s sample %d", d.name(), s)
                        .isLessThan(TOLERANCE_SECONDS);
            }
        }
    }

    private static double span(Recording recording) {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (RecordedStream s : recording.streams()) {
            for (double t : s.timestampsSeconds()) {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        return Double.isInfinite(first) ? 0 : last - first;
    }

    private static double firstTimestamp(Recording recording) {
        double first = Double.POSITIVE_INFINITY;
        for (RecordedStream s : recording.streams()) {
            for (double t : s.timestampsSeconds()) {
                first = Math.min(first, t);
            }
        }
        return first;
    }
}
