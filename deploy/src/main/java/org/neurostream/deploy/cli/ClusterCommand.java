package org.neurostream.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurostream.deploy.cluster.ClusterSettings;
import org.neurostream.deploy.cluster.FlinkRest;
import org.neurostream.deploy.cluster.StandaloneCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurostream cluster start|stop|submit|status}: a standalone Flink 2.3 cluster on this machine (one
 * JobManager, two TaskManagers on loopback) built from Maven Central artifacts, and job submission through its REST
 * API. State lives in {@code .neurostream/cluster/} of the checkout (configuration, pid files, logs, checkpoints).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A standalone Apache Flink 2.3 session cluster on this machine: one JobManager and TaskManager "
                + "processes on loopback, started from a class path resolved from Maven Central into "
                + ".neurostream/flink-2.3.0/lib. Configuration, pid files and logs: .neurostream/cluster/.",
            "Web UI and REST API: http://localhost:8081 (--rest-port)."},
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Submit.class,
            ClusterCommand.Status.class})
public final class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: start, stop, submit or status.");
    }

    /** The settings of the cluster in this checkout: what the last start saved, else the defaults. */
    static ClusterSettings current() throws java.io.IOException {
        return StandaloneCluster.loadSettings(ClusterSettings.defaults(ClusterSettings.findProjectRoot()));
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts the JobManager and the TaskManagers that are not running (idempotent); resolves "
                    + "the Flink class path on first use (Maven).")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rest-port", defaultValue = "" + ClusterSettings.DEFAULT_REST_PORT, paramLabel = "PORT",
                description = "REST API and web UI port (rest.port; default: ${DEFAULT-VALUE}).")
        int restPort;

        @Option(names = "--rpc-port", defaultValue = "" + ClusterSettings.DEFAULT_RPC_PORT, paramLabel = "PORT",
                description = "JobManager RPC port (jobmanager.rpc.port; default: ${DEFAULT-VALUE}).")
        int rpcPort;

        @Option(names = "--task-managers", defaultValue = "2", paramLabel = "N",
                description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(names = "--slots", defaultValue = "1", paramLabel = "N",
                description = "Task slots per TaskManager (taskmanager.numberOfTaskSlots; default: "
                        + "${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--liblsl", paramLabel = "FILE",
                description = "liblsl the TaskManagers load for LSL sources and sinks (passed as "
                        + "-Dneurostream.liblsl.path; default: .neurostream/lib/liblsl.so when scripts/setup put it "
                        + "there).")
        Path liblsl;

        @Override
        public Integer call() throws Exception {
            ClusterSettings defaults = ClusterSettings.defaults(ClusterSettings.findProjectRoot());
            ClusterSettings s;
            try {
                s = defaults.withPorts(restPort, rpcPort).withTaskManagers(taskManagers, slots)
                        .withLiblsl(liblsl != null ? liblsl.toAbsolutePath() : defaults.liblsl());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (liblsl != null && !java.nio.file.Files.isRegularFile(liblsl)) {
                throw new ParameterException(spec.commandLine(), "liblsl '" + liblsl + "' is not a file.");
            }
            StandaloneCluster cluster = new StandaloneCluster(s);
            cluster.saveSettings();
            PrintWriter out = spec.commandLine().getOut();
            cluster.start().forEach(out::println);
            out.println("Web UI: " + s.restUrl() + "; logs: " + s.logDir());
            out.flush();
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops every process of the cluster (idempotent): SIGTERM, SIGKILL after 15 s.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<String> stopped = new StandaloneCluster(current()).stop();
            if (stopped.isEmpty()) {
                out.println("No cluster process was running.");
            }
            stopped.forEach(out::println);
            out.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows the cluster's processes, registered TaskManagers, free slots and jobs.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ClusterSettings s = current();
            StandaloneCluster cluster = new StandaloneCluster(s);
            PrintWriter out = spec.commandLine().getOut();
            for (Map.Entry<String, String> p : cluster.processes().entrySet()) {
                out.println(p.getKey() + ": " + p.getValue());
            }
            FlinkRest rest = cluster.rest();
            if (!rest.isUp()) {
                out.println("REST API " + s.restUrl() + ": not answering");
                out.flush();
                return 1;
            }
            var overview = rest.get("/overview");
            out.println("REST API " + s.restUrl() + ": Flink " + overview.path("flink-version").asText() + ", "
                    + overview.path("taskmanagers").asInt() + " TaskManager(s), " + overview.path("slots-available")
                    .asInt() + " of " + overview.path("slots-total").asInt() + " slots free");
            TextTable t = new TextTable("Job", "Name", "State");
            for (FlinkRest.Job j : rest.jobs()) {
                t.row(j.id(), j.name(), j.state());
            }
            out.print(t.render());
            out.flush();
            return 0;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Uploads the job jar to the running cluster and runs one of its jobs (REST API "
                    + "/jars/upload and /jars/:id/run). Arguments after -- go to the job, e.g.",
                "neurostream cluster submit --job online -- --source file:$PWD/test-data/eeg/eegmmidb_S001/"
                    + "S001R10.edf --model $PWD/test-data/models/S001R06-hands-feet-csp-lda.json --out $PWD/run-out",
                "Paths must be absolute (the job runs in the cluster's processes)."})
    static final class Submit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--job", defaultValue = "online", paramLabel = "JOB",
                description = "online, replay or video (default: ${DEFAULT-VALUE}), or a main class name.")
        String job;

        @Option(names = "--jar", paramLabel = "FILE",
                description = "Job jar (default: deploy/target/neurostream-job.jar of the checkout).")
        Path jar;

        @Option(names = "--parallelism", paramLabel = "P", description = "Job parallelism (default: all slots of "
                + "the cluster).")
        Integer parallelism;

        @Option(names = "--from-savepoint", paramLabel = "PATH",
                description = "Start from a savepoint or retained checkpoint (state it does not claim is skipped).")
        String fromSavepoint;

        @Parameters(paramLabel = "ARG", description = "Program arguments of the job.")
        List<String> args = List.of();

        @Override
        public Integer call() throws Exception {
            ClusterSettings s = current();
            Path jobJar = jar != null ? jar : s.projectRoot().resolve("deploy/target/neurostream-job.jar");
            String entryClass = entryClass(job);
            FlinkRest rest = new StandaloneCluster(s).rest();
            String jarId = rest.uploadJar(jobJar);
            int p = parallelism != null ? parallelism : s.taskManagers() * s.slotsPerTaskManager();
            String jobId = rest.runJar(jarId, new FlinkRest.JarRun(entryClass, args, p, fromSavepoint));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Submitted " + entryClass + " as job " + jobId + "; follow it at " + s.restUrl()
                    + "/#/job/running/" + jobId + "/overview");
            out.flush();
            return 0;
        }
    }

    /** The entry class of a job name (online, replay, video) or a class name given as is. */
    static String entryClass(String job) {
        return switch (job) {
            case "online" -> "org.neurostream.deploy.jobs.OnlineBciJobMain";
            case "replay" -> "org.neurostream.deploy.jobs.ReplayJobMain";
            case "video" -> "org.neurostream.deploy.jobs.VideoJobMain";
            default -> job;
        };
    }
}
