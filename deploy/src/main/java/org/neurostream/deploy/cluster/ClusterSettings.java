package org.neurostream.deploy.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a local standalone Flink cluster lives and how it is laid out.
 *
 * @param projectRoot the neurostream checkout (holds {@code deploy/cluster/pom.xml}, the class path's definition)
 * @param flinkLib the cluster's class path folder, resolved from Maven Central ({@code .neurostream/flink-2.3.0/lib})
 * @param clusterDir configuration, pid files, logs, checkpoints and savepoints ({@code .neurostream/cluster})
 * @param restPort the JobManager's REST API and web UI port
 * @param rpcPort the JobManager's RPC port (task managers register there)
 * @param taskManagers number of TaskManager processes
 * @param slotsPerTaskManager task slots of each TaskManager
 * @param liblsl the liblsl the task managers load ({@code -Dneurostream.liblsl.path}), or null to let them search
 */
public record ClusterSettings(Path projectRoot, Path flinkLib, Path clusterDir, int restPort, int rpcPort,
        int taskManagers, int slotsPerTaskManager, Path liblsl) {
    /** Flink version of the cluster class path. */
    public static final String FLINK_VERSION = "2.3.0";
    /** Default REST port (Flink's). */
    public static final int DEFAULT_REST_PORT = 8081;
    /** Default JobManager RPC port (Flink's). */
    public static final int DEFAULT_RPC_PORT = 6123;

    public ClusterSettings {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(flinkLib, "flinkLib");
        Objects.requireNonNull(clusterDir, "clusterDir");
        checkPort("restPort", restPort);
        checkPort("rpcPort", rpcPort);
        if (taskManagers < 1 || slotsPerTaskManager < 1) {
            throw new IllegalArgumentException("A cluster needs at least one TaskManager with one slot, but got "
                    + taskManagers + " TaskManager(s) with " + slotsPerTaskManager + " slot(s).");
        }
    }

    /**
     * The default layout under {@code projectRoot/.neurostream}: two task managers with one slot each, Flink's
     * default ports, and the liblsl that {@code scripts/setup} installs (when it is there).
     */
    public static ClusterSettings defaults(Path projectRoot) {
        Path home = projectRoot.resolve(".neurostream");
        Path lsl = home.resolve("lib").resolve(System.mapLibraryName("lsl"));
        return new ClusterSettings(projectRoot, home.resolve("flink-" + FLINK_VERSION).resolve("lib"),
                home.resolve("cluster"), DEFAULT_REST_PORT, DEFAULT_RPC_PORT, 2, 1,
                java.nio.file.Files.isRegularFile(lsl) ? lsl : null);
    }

    /** These settings with other ports. */
    public ClusterSettings withPorts(int rest, int rpc) {
        return new ClusterSettings(projectRoot, flinkLib, clusterDir, rest, rpc, taskManagers, slotsPerTaskManager,
                liblsl);
    }

    /** These settings with another cluster folder. */
    public ClusterSettings withClusterDir(Path dir) {
        return new ClusterSettings(projectRoot, flinkLib, dir, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                liblsl);
    }

    /** These settings with another task manager layout. */
    public ClusterSettings withTaskManagers(int count, int slots) {
        return new ClusterSettings(projectRoot, flinkLib, clusterDir, restPort, rpcPort, count, slots, liblsl);
    }

    /** These settings with another liblsl (null: let the task managers search). */
    public ClusterSettings withLiblsl(Path library) {
        return new ClusterSettings(projectRoot, flinkLib, clusterDir, restPort, rpcPort, taskManagers,
                slotsPerTaskManager, library);
    }

    /** The REST API's base URL. */
    public String restUrl() {
        return "http://localhost:" + restPort;
    }

    public Path confDir() {
        return clusterDir.resolve("conf");
    }

    public Path logDir() {
        return clusterDir.resolve("log");
    }

    public Path pidDir() {
        return clusterDir.resolve("pid");
    }

    public Path checkpointDir() {
        return clusterDir.resolve("checkpoints");
    }

    public Path savepointDir() {
        return clusterDir.resolve("savepoints");
    }

    /**
     * Finds the neurostream checkout: the system property {@code neurostream.root} (set by {@code bin/neurostream}),
     * else the working directory or its nearest parent holding {@code deploy/cluster/pom.xml}.
     *
     * @throws IllegalStateException when none is found
     */
    public static Path findProjectRoot() {
        String configured = System.getProperty("neurostream.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.isRegularFile(dir.resolve("deploy/cluster/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the neurostream checkout (deploy/cluster/pom.xml) from "
                + Path.of("").toAbsolutePath() + "; run from inside it or set -Dneurostream.root=DIR.");
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid value for '" + name + "': a TCP port in 1..65535, but got "
                    + port + ".");
        }
    }
}
