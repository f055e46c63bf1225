package org.neurostream.deploy.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A standalone Flink session cluster on this machine, started the way Flink's own {@code bin/} scripts start one, but
 * from a class path resolved from Maven Central ({@code deploy/cluster/pom.xml}; flink-dist is not published there):
 * one JobManager process ({@code StandaloneSessionClusterEntrypoint}) and N TaskManager processes
 * ({@code TaskManagerRunner}), all bound to loopback, each given {@code --configDir} with a generated
 * {@code config.yaml}: file-system checkpoints and savepoints under the cluster folder, hashmap state, fixed-delay
 * restarts, short heartbeats (a killed TaskManager is noticed within seconds), the web UI and jar submission on.
 *
 * <p>Each process writes a pid file ({@code pid/jobmanager.pid}, {@code pid/taskmanager-I.pid}) and its logs
 * ({@code log/<name>.log}, {@code .out}); {@link #start()} and {@link #stop()} are idempotent. Processes outlive the
 * JVM that started them until {@link #stop()}.
 */
public final class StandaloneCluster {
    static final String JOB_MANAGER_CLASS =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_CLASS = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String JOB_MANAGER = "jobmanager";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    /**
     * The module openings Flink's distribution sets in {@code env.java.opts.all} for Java 17 (its translators and
     * serializers reflect into {@code java.util} and friends).
     */
    static final String JAVA_17_OPTIONS = "--add-exports=java.base/sun.net.util=ALL-UNNAMED "
            + "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED "
            + "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED "
            + "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED "
            + "--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
            + "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED "
            + "--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED "
            + "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
            + "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED "
            + "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED";

    private final ClusterSettings settings;

    public StandaloneCluster(ClusterSettings settings) {
        this.settings = settings;
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** A REST client of this cluster. */
    public FlinkRest rest() {
        return new FlinkRest(settings.restUrl());
    }

    /**
     * Resolves the class path (once), writes the configuration and starts whatever process is not running, then
     * waits until the REST API answers and every TaskManager has registered.
     *
     * @return what was started, one line per process
     */
    public List<String> start() throws IOException, InterruptedException {
        ensureClassPath();
        writeConfiguration();
        List<String> report = new ArrayList<>();
        if (running(JOB_MANAGER).isPresent()) {
            report.add("jobmanager already running (pid " + running(JOB_MANAGER).get().pid() + ")");
        } else {
            long pid = launch(JOB_MANAGER, JOB_MANAGER_CLASS, jobManagerJvmArgs(), List.of());
            report.add("jobmanager started (pid " + pid + "), REST API and web UI at " + settings.restUrl());
        }
        rest().awaitUp(STARTUP_TIMEOUT);
        for (int i = 0; i < settings.taskManagers(); i++) {
            Optional<ProcessHandle> tm = running(taskManagerName(i));
            report.add(tm.isPresent() ? taskManagerName(i) + " already running (pid " + tm.get().pid() + ")"
                    : taskManagerName(i) + " started (pid " + startTaskManager(i) + ")");
        }
        rest().awaitTaskManagers(settings.taskManagers(), STARTUP_TIMEOUT);
        return report;
    }

    /** Starts TaskManager {@code index} (after a {@link #killTaskManager}); returns its pid. */
    public long startTaskManager(int index) throws IOException {
        return launch(taskManagerName(index), TASK_MANAGER_CLASS, taskManagerJvmArgs(), taskManagerDynamicArgs());
    }

    /** Kills TaskManager {@code index} with SIGKILL (no shutdown hooks, like a crashed machine). */
    public void killTaskManager(int index) throws IOException {
        String name = taskManagerName(index);
        ProcessHandle p = running(name).orElseThrow(() -> new IllegalStateException(name + " is not running."));
        p.destroyForcibly();
        p.onExit().join();
    }

    /**
     * Stops every process of the cluster (SIGTERM, then SIGKILL after 15 s) and removes the pid files.
     *
     * @return what was stopped, one line per process
     */
    public List<String> stop() throws IOException {
        List<String> report = new ArrayList<>();
        if (!Files.isDirectory(settings.pidDir())) {
            return report;
        }
        List<Path> pidFiles;
        try (var files = Files.list(settings.pidDir())) {
            // Task managers first, so that the JobManager does not restart jobs onto them meanwhile.
            pidFiles = files.filter(f -> f.toString().endsWith(".pid"))
                    .sorted((a, b) -> Boolean.compare(isJobManager(a), isJobManager(b))).toList();
        }
        for (Path pidFile : pidFiles) {
            String name = pidFile.getFileName().toString().replace(".pid", "");
            Optional<ProcessHandle> p = running(name);
            if (p.isPresent()) {
                p.get().destroy();
                try {
                    p.get().onExit().get(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    report.add(name + " stopped (pid " + p.get().pid() + ")");
                } catch (Exception notInTime) {
                    p.get().destroyForcibly();
                    p.get().onExit().join();
                    report.add(name + " killed after " + STOP_TIMEOUT.toSeconds() + " s (pid " + p.get().pid() + ")");
                }
            }
            Files.deleteIfExists(pidFile);
        }
        return report;
    }

    /** Each known process with its pid, or "not running". */
    public Map<String, String> processes() throws IOException {
        Map<String, String> status = new TreeMap<>();
        status.put(JOB_MANAGER, running(JOB_MANAGER).map(p -> "running (pid " + p.pid() + ")").orElse("not running"));
        for (int i = 0; i < settings.taskManagers(); i++) {
            status.put(taskManagerName(i), running(taskManagerName(i)).map(p -> "running (pid " + p.pid() + ")")
                    .orElse("not running"));
        }
        return status;
    }

    /** The running process recorded in {@code name}'s pid file, if it is still this cluster's. */
    public Optional<ProcessHandle> running(String name) throws IOException {
        Path pidFile = settings.pidDir().resolve(name + ".pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (NumberFormatException e) {
            throw new IOException(pidFile + ": not a process id: " + e.getMessage(), e);
        }
        // The pid may have been reused by an unrelated process since: it is ours only if it runs our config.
        String confDir = settings.confDir().toString();
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(confDir)).orElse(true));
    }

    static String taskManagerName(int index) {
        return "taskmanager-" + index;
    }

    private static boolean isJobManager(Path pidFile) {
        return pidFile.getFileName().toString().startsWith(JOB_MANAGER);
    }

    /** The cluster's Flink configuration (what {@code config.yaml} holds). */
    public Configuration configuration() {
        Configuration c = new Configuration();
        c.set(JobManagerOptions.ADDRESS, "localhost");
        c.set(JobManagerOptions.BIND_HOST, "localhost");
        c.set(JobManagerOptions.PORT, settings.rpcPort());
        c.set(JobManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("1024m"));
        c.set(RestOptions.ADDRESS, "localhost");
        c.set(RestOptions.BIND_ADDRESS, "localhost");
        c.set(RestOptions.PORT, settings.restPort());
        // The job jar carries ND4J and FFmpeg natives (~190 MB); the default limit is 100 MB.
        c.set(RestOptions.SERVER_MAX_CONTENT_LENGTH, 512 * 1024 * 1024);
        c.set(WebOptions.SUBMIT_ENABLE, true);
        c.set(WebOptions.UPLOAD_DIR, settings.clusterDir().resolve("uploads").toAbsolutePath().toString());
        c.set(TaskManagerOptions.HOST, "localhost");
        c.set(TaskManagerOptions.BIND_HOST, "localhost");
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.slotsPerTaskManager());
        // Replay splits hold their recording in memory (about 10 MB per 2-minute 64-channel run); hashmap state lives
        // on the heap too, and nothing uses managed (off-heap) memory.
        c.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("2048m"));
        c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ZERO);
        c.set(CoreOptions.DEFAULT_PARALLELISM, settings.taskManagers() * settings.slotsPerTaskManager());
        c.set(CoreOptions.TMP_DIRS, settings.clusterDir().resolve("tmp").toAbsolutePath().toString());
        c.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir().toAbsolutePath().toUri().toString());
        c.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, settings.savepointDir().toAbsolutePath().toUri().toString());
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 30);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        c.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        c.set(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(10));
        c.set(CoreOptions.FLINK_JVM_OPTIONS, JAVA_17_OPTIONS);
        return c;
    }

    /** Writes {@code conf/config.yaml} (flat keys) and {@code conf/log4j2.properties}. */
    void writeConfiguration() throws IOException {
        Files.createDirectories(settings.confDir());
        for (Path dir : List.of(settings.logDir(), settings.pidDir(), settings.checkpointDir(),
                settings.savepointDir(), settings.clusterDir().resolve("uploads"), settings.clusterDir().resolve("tmp"))) {
            Files.createDirectories(dir);
        }
        StringBuilder yaml = new StringBuilder("# Written by `neurostream cluster start`; regenerated on every start.\n");
        new TreeMap<>(configuration().toMap()).forEach((k, v) -> yaml.append(k).append(": '")
                .append(v.replace("'", "''")).append("'\n"));
        Files.writeString(settings.confDir().resolve("config.yaml"), yaml.toString());
        Files.writeString(settings.confDir().resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = MainAppender",
                "logger.pekko.name = org.apache.pekko",
                "logger.pekko.level = WARN",
                "appender.main.name = MainAppender",
                "appender.main.type = File",
                "appender.main.fileName = ${sys:log.file}",
                "appender.main.append = true",
                "appender.main.layout.type = PatternLayout",
                "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n", ""));
    }

    /**
     * Copies the cluster's class path from Maven (local repository, else Maven Central) into
     * {@link ClusterSettings#flinkLib()}, unless a previous run already did for the same {@code pom.xml}.
     */
    void ensureClassPath() throws IOException, InterruptedException {
        Path pom = settings.projectRoot().resolve("deploy/cluster/pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new IOException("The cluster class path definition " + pom + " is missing.");
        }
        String digest = sha256(Files.readAllBytes(pom));
        Path marker = settings.flinkLib().resolve(".resolved-from");
        if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(digest)) {
            return;
        }
        Files.createDirectories(settings.flinkLib());
        Path log = Files.createDirectories(settings.logDir()).resolve("classpath-resolution.log");
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-f", pom.toString(), "dependency:copy-dependencies",
                "-DoutputDirectory=" + settings.flinkLib().toAbsolutePath(), "-DincludeScope=runtime")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (mvn.waitFor() != 0) {
            throw new IOException("Resolving the Flink class path with Maven failed (exit " + mvn.exitValue()
                    + "); see " + log + ": " + Files.readString(log).strip());
        }
        Files.writeString(marker, digest + "\n");
    }

    private List<String> jobManagerJvmArgs() {
        Configuration c = configuration();
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(c);
        return split(JobManagerProcessUtils.generateJvmParametersStr(spec, c));
    }

    private List<String> taskManagerJvmArgs() {
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(configuration());
        return split(ProcessMemoryUtils.generateJvmParametersStr(spec));
    }

    /** The derived memory sizes, passed as {@code -D key=value} as Flink's taskmanager.sh does. */
    private List<String> taskManagerDynamicArgs() {
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(configuration());
        return split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
    }

    private long launch(String name, String mainClass, List<String> jvmArgs, List<String> programArgs)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(split(JAVA_17_OPTIONS));
        Path logFile = settings.logDir().resolve(name + ".log").toAbsolutePath();
        cmd.add("-Dlog.file=" + logFile);
        cmd.add("-Dlog4j.configurationFile=" + settings.confDir().resolve("log4j2.properties").toAbsolutePath().toUri());
        if (settings.liblsl() != null) {
            cmd.add("-Dneurostream.liblsl.path=" + settings.liblsl().toAbsolutePath());
        }
        cmd.add("-cp");
        cmd.add(settings.flinkLib().toAbsolutePath() + "/*");
        cmd.add(mainClass);
        cmd.add("--configDir");
        cmd.add(settings.confDir().toString());
        cmd.addAll(programArgs);
        Process p = new ProcessBuilder(cmd).directory(settings.clusterDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logDir().resolve(name + ".out").toFile()))
                .start();
        Files.writeString(settings.pidDir().resolve(name + ".pid"), p.pid() + "\n");
        return p.pid();
    }

    private static List<String> split(String args) {
        return Arrays.stream(args.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves the settings a later {@code cluster submit/status/stop} needs (ports, process count). */
    public void saveSettings() throws IOException {
        Properties p = new Properties();
        p.setProperty("restPort", Integer.toString(settings.restPort()));
        p.setProperty("rpcPort", Integer.toString(settings.rpcPort()));
        p.setProperty("taskManagers", Integer.toString(settings.taskManagers()));
        p.setProperty("slotsPerTaskManager", Integer.toString(settings.slotsPerTaskManager()));
        Files.createDirectories(settings.clusterDir());
        try (var out = Files.newBufferedWriter(settings.clusterDir().resolve("cluster.properties"),
                StandardCharsets.UTF_8)) {
            p.store(out, "neurostream cluster start");
        }
    }

    /** {@code base} with the ports and process count of the last {@link #saveSettings()} in its cluster folder. */
    public static ClusterSettings loadSettings(ClusterSettings base) throws IOException {
        Path file = base.clusterDir().resolve("cluster.properties");
        if (!Files.isRegularFile(file)) {
            return base;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            return base.withPorts(Integer.parseInt(p.getProperty("restPort")), Integer.parseInt(p.getProperty("rpcPort")))
                    .withTaskManagers(Integer.parseInt(p.getProperty("taskManagers")),
                            Integer.parseInt(p.getProperty("slotsPerTaskManager")));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IOException(file + ": a setting is missing or not a number (" + e.getMessage()
                    + "); delete the file and start the cluster again.", e);
        }
    }
}
