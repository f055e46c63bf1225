package org.neurostream.deploy.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.deploy.cli.RunCommand;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.deploy.online.RunSpec;
import picocli.CommandLine;

/**
 * Cluster entry point of the online BCI job ({@code neurostream-job.jar}). Arguments are those of
 * {@code neurostream run}: the flags ({@code --source file:PATH --model FILE --out DIR ...}) or one pipeline YAML file.
 * Paths are read on the job manager (the model, the recordings' headers) and on the task managers (the recordings,
 * the output and checkpoint directories), so they must be reachable from every cluster process.
 *
 * <p>The graph is built on {@link StreamExecutionEnvironment#getExecutionEnvironment}, so the same main runs
 * embedded ({@code java -cp ...}) and submitted to a cluster ({@code neurostream cluster submit}, the REST API or
 * {@code flink run}); the parallelism is the cluster's (or the submission's). Predictions go to
 * {@code OUT/predictions/} through the exactly-once file sink; the job runs until its files are replayed (LSL sources:
 * until cancelled or stopped with a savepoint).
 */
public final class OnlineBciJobMain {
    private OnlineBciJobMain() {}

    public static void main(String[] args) throws Exception {
        RunCommand command = new RunCommand();
        CommandLine cl = new CommandLine(command);
        RunSpec spec;
        try {
            cl.parseArgs(args);
            if (cl.getParseResult().hasMatchedOption("--ui")) {
                throw new CommandLine.ParameterException(cl, "--ui is not served by the cluster job; the live "
                        + "dashboard runs with neurostream run on an embedded Flink.");
            }
            spec = command.runSpec();
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("OnlineBciJobMain: " + e.getMessage() + System.lineSeparator()
                    + cl.getUsageMessage(), e);
        }
        OnlineJob job = new OnlineJob(spec);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.configuration());
        job.build(env);
        env.execute("neurostream online " + spec.out().getFileName());
    }
}
