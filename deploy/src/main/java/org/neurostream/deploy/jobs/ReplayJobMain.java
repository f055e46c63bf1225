package org.neurostream.deploy.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.deploy.replay.ReplayJob;
import org.neurostream.deploy.replay.StreamStatistics;
import org.neurostream.streams.flink.replay.ReplayPacing;
import org.neurostream.streams.flink.replay.ReplaySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Cluster entry point of the replay job ({@code neurostream-job.jar}): replays recordings ({@link ReplayJob}, the
 * job behind {@code neurostream replay}) and writes one JSON line of statistics per stream (samples, markers,
 * observed rate, gaps, first and last timestamps) to {@code OUT/replay-statistics/}, committed with checkpoints.
 * Built on {@link StreamExecutionEnvironment#getExecutionEnvironment}, so it runs embedded and on a cluster.
 */
@Command(name = "ReplayJobMain", mixinStandardHelpOptions = true,
        description = "Replays recordings on a Flink cluster and writes per-stream statistics as JSON lines.")
public final class ReplayJobMain implements Callable<Void> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recording files (XDF, EDF/BDF, GDF).")
    List<Path> files;

    @Option(names = "--speed", paramLabel = "X", description = "Real time × X; default: as fast as possible.")
    Double speed;

    @Option(names = "--chunk-samples", paramLabel = "N", defaultValue = "" + ReplaySource.Builder.DEFAULT_CHUNK_SAMPLES,
            description = "The most samples per chunk (default: ${DEFAULT-VALUE}).")
    int chunkSamples;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory; statistics go to DIR/replay-statistics/.")
    Path out;

    @Mixin
    CheckpointedOutput checkpoints = new CheckpointedOutput();

    public static void main(String[] args) throws Exception {
        JobArguments.parse(new ReplayJobMain(), "ReplayJobMain", args).call();
    }

    @Override
    public Void call() throws Exception {
        if (speed != null && !(speed > 0 && Double.isFinite(speed))) {
            throw new IllegalArgumentException("Invalid value for '--speed': it must be a finite number > 0, but got "
                    + speed + ".");
        }
        Configuration conf = checkpoints.configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ReplayJob job = new ReplayJob(files.stream().map(Path::toAbsolutePath).toList(),
                speed == null ? ReplayPacing.asFastAsPossible() : ReplayPacing.realTime(speed), chunkSamples,
                env.getParallelism());
        CommittedLines.attach(job.build(env, null).map(ReplayJobMain::json, Types.STRING).name("statistics to JSON")
                .uid("statistics-json"), out.resolve("replay-statistics"), "replay-statistics");
        env.execute("neurostream replay " + files.size() + " file(s)");
        return null;
    }

    private static String json(StreamStatistics s) throws Exception {
        return new ObjectMapper().writeValueAsString(s);
    }
}
