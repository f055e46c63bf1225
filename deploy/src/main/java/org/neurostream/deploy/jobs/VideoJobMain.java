package org.neurostream.deploy.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.deploy.video.VideoJob;
import org.neurostream.operators.video.delta.DeltaVideoFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Cluster entry point of the video job ({@code neurostream-job.jar}, {@link VideoJob}): delta-network inference per
 * video stream with the network's memories in keyed state. Built on
 * {@link StreamExecutionEnvironment#getExecutionEnvironment}, so it runs embedded and on a cluster.
 */
@Command(name = "VideoJobMain", mixinStandardHelpOptions = true,
        description = "Delta-network inference on video files or image folders on a Flink cluster.")
public final class VideoJobMain implements Callable<Void> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Video files or folders of PNG/JPEG images.")
    List<Path> inputs;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Delta model file; default: the bundled CNN trained on moving shapes (32x32 grey).")
    Path model;

    @Option(names = "--backend", defaultValue = "JAVA", paramLabel = "B",
            description = "JAVA or APARAPI (OpenCL; needs an OpenCL runtime such as PoCL on every task manager). "
                    + "Default: ${DEFAULT-VALUE}.")
    DeltaVideoFunction.Backend backend;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory: DIR/inferences/ and DIR/metrics/ (JSON lines).")
    Path out;

    @Mixin
    CheckpointedOutput checkpoints = new CheckpointedOutput();

    public static void main(String[] args) throws Exception {
        JobArguments.parse(new VideoJobMain(), "VideoJobMain", args).call();
    }

    @Override
    public Void call() throws Exception {
        Configuration conf = checkpoints.configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        new VideoJob(inputs.stream().map(Path::toAbsolutePath).toList(), model, backend, out.toAbsolutePath())
                .build(env, null);
        env.execute("neurostream video " + inputs.size() + " input(s)");
        return null;
    }
}
