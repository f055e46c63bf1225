package org.neurostream.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import org.neurostream.deploy.dashboard.DashboardOptions;
import org.neurostream.deploy.dashboard.Dashboards;
import org.neurostream.deploy.replay.ReplayJob;
import org.neurostream.deploy.replay.ReplaySummary;
import org.neurostream.streams.flink.replay.ReplayPacing;
import org.neurostream.streams.flink.replay.ReplaySource;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.format.StreamOutline;
import org.neurostream.streams.record.StreamDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurostream replay FILE... [--speed X] [--chunk-samples N] [--parallelism P] [--json]}: replays recordings
 * through an embedded Flink job and prints what each stream delivered.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays recordings (XDF, EDF/EDF+, BDF/BDF+, GDF) through Apache Flink in this process: one "
                + "source split per stream per file, all streams merged in timestamp order. Prints per stream the "
                + "sample and marker counts, observed vs nominal rate, gaps (intervals > 1.5 sample periods), first "
                + "and last timestamps, and the job's throughput in channel-samples per second.",
                "A broken file does not stop the others; it is listed with its error (file, byte offset, problem).",
                "Exit status: 0 when every file replayed, 1 when some file could not be read."})
public final class ReplayCommand implements Callable<Integer> {
    /** Exit status when at least one file could not be replayed. */
    static final int EXIT_SOME_FILES_BROKEN = 1;

    /** Signal seconds per chunk when the dashboard is on and --chunk-samples is not given. */
    static final double UI_CHUNK_SECONDS = 0.1;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recording files to replay.")
    List<Path> files;

    @Option(names = "--speed", paramLabel = "X",
            description = "Pace the replay at real time × X (1 = real time). Default: as fast as possible.")
    Double speed;

    @Option(names = "--chunk-samples", paramLabel = "N",
            description = "The most samples per chunk (default: " + ReplaySource.Builder.DEFAULT_CHUNK_SAMPLES
                    + "; with --ui, about 0.1 s of the fastest stream's samples, so that the page's traces move "
                    + "about 10 times per second of signal).")
    Integer chunkSamples;

    @Option(names = "--parallelism", paramLabel = "P", defaultValue = "1",
            description = "Source parallelism: files are spread over P readers (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--json", description = "Print one JSON document instead of tables.")
    boolean json;

    @Mixin
    UiOptions ui;

    @Override
    public Integer call() throws Exception {
        DashboardOptions dashboard = ui.dashboard(spec);
        checkInputs();
        int chunk = chunkSamples != null ? chunkSamples
                : dashboard != null ? uiChunkSamples(files) : ReplaySource.Builder.DEFAULT_CHUNK_SAMPLES;
        ReplayJob job = new ReplayJob(files, pacing(), chunk, parallelism, dashboard);
        ReplaySummary summary;
        if (job.pacing().isPaced() && System.console() != null && !json) {
            summary = runWithProgressBar(job);
        } else {
            summary = job.run();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Formats.json().writeValueAsString(summary));
        } else {
            printTables(summary, out);
        }
        out.flush();
        return summary.succeeded() ? 0 : EXIT_SOME_FILES_BROKEN;
    }

    private ReplayPacing pacing() {
        if (speed == null) {
            return ReplayPacing.asFastAsPossible();
        }
        if (!(speed > 0) || speed.isInfinite()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--speed': it must be a "
                    + "finite number > 0 (1 = real time), but got " + speed + ".");
        }
        return ReplayPacing.realTime(speed);
    }

    /** About 0.1 s of samples of the fastest regular stream in {@code files} (the default chunk without --ui if none). */
    static int uiChunkSamples(List<Path> files) {
        double fastestHz = Dashboards.recorded(files).streams().stream()
                .mapToDouble(StreamDescription::nominalRateHz).max().orElse(0);
        return fastestHz > 0 ? (int) Math.max(1, Math.round(fastestHz * UI_CHUNK_SECONDS))
                : ReplaySource.Builder.DEFAULT_CHUNK_SAMPLES;
    }

    private void checkInputs() {
        if (chunkSamples != null && chunkSamples < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--chunk-samples': it must "
                    + "be at least 1, but got " + chunkSamples + ".");
        }
        if (parallelism < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--parallelism': it must "
                    + "be at least 1, but got " + parallelism + ".");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new ParameterException(spec.commandLine(), "Recording file '" + f
                        + "' does not exist or is not a file.");
            }
        }
    }

    /** Paced replays take as long as the recording (divided by the speed): show how far they got on stderr. */
    private ReplaySummary runWithProgressBar(ReplayJob job) throws Exception {
        long total = 0;
        for (Path f : files) {
            try {
                for (StreamOutline s : Recordings.outline(f)) {
                    total += s.sampleCount();
                }
            } catch (IOException broken) {
                // The job reports it; it adds nothing to the progress total.
            }
        }
        try (ProgressBar bar = ProgressBars.start("replay", total, " samples")) {
            LongConsumer progress = bar::stepTo;
            return job.run(progress);
        }
    }

    private static void printTables(ReplaySummary s, PrintWriter out) {
        out.println("Replayed " + s.files().size() + " file(s), " + s.pacing() + ", chunks of at most "
                + s.chunkSamples() + " samples, parallelism " + s.parallelism() + ".");
        out.println();
        TextTable t = new TextTable("Stream", ">Channels", ">Samples", ">Markers", ">Nominal (Hz)",
                ">Observed (Hz)", ">Gaps", ">Longest gap (s)", ">First (s)", ">Last (s)");
        for (ReplaySummary.Stream st : s.streams()) {
            t.row(st.streamKey(), st.channels(), Formats.count(st.samples()), Formats.count(st.markers()),
                    st.nominalRateHz() == 0 ? "irregular" : Formats.fixed(st.nominalRateHz(), 3),
                    Formats.fixed(st.observedRateHz(), 3), st.nominalRateHz() == 0 ? "-" : Formats.count(st.gaps()),
                    st.gaps() == 0 ? "-" : Formats.fixed(st.longestGapSeconds(), 4),
                    Formats.fixed(st.firstTimestampSeconds(), 6), Formats.fixed(st.lastTimestampSeconds(), 6));
        }
        out.print(t.render());
        out.println();
        out.println("Throughput: " + Formats.count(s.channelSamples()) + " channel-samples in "
                + Formats.fixed(s.wallSeconds(), 2) + " s wall clock = "
                + Formats.count(Math.round(s.channelSamplesPerSecond())) + " channel-samples/s"
                + " (includes starting the embedded Flink).");
        if (!s.errors().isEmpty()) {
            out.println();
            out.println("Files that could not be replayed:");
            for (ReplaySummary.Failure f : s.errors()) {
                out.println("  - " + f.error());
            }
        }
    }
}
