package org.neurostream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneClusterTest {
    private static final Path ROOT = Path.of(System.getProperty("neurostream.test.data")).toAbsolutePath().getParent();

    @Test
    void configYamlHasLoopbackPortsCheckpointDirectoriesAndSlots(@TempDir Path dir) throws IOException {
        ClusterSettings s = ClusterSettings.defaults(ROOT).withClusterDir(dir).withPorts(18123, 16789)
                .withTaskManagers(2, 3);
        new StandaloneCluster(s).writeConfiguration();
        String yaml = Files.readString(dir.resolve("conf/config.yaml"));
        assertThat(yaml).contains("rest.port: '18123'", "jobmanager.rpc.port: '16789'",
                "jobmanager.rpc.address: 'localhost'", "taskmanager.numberOfTaskSlots: '3'",
                "parallelism.default: '6'", "state.backend.type: 'hashmap'",
                "execution.checkpointing.dir: '" + dir.resolve("checkpoints").toUri(),
                "execution.checkpointing.savepoint-dir: '" + dir.resolve("savepoints").toUri(),
                "web.submit.enable: 'true'");
        assertThat(dir.resolve("conf/log4j2.properties")).isRegularFile();
    }

    @Test
    void stopWithNothingRunningIsANoOpAndStatusSaysNotRunning(@TempDir Path dir) throws IOException {
        StandaloneCluster cluster = new StandaloneCluster(ClusterSettings.defaults(ROOT).withClusterDir(dir));
        assertThat(cluster.stop()).isEmpty();
        assertThat(cluster.processes()).containsEntry("jobmanager", "not running")
                .containsEntry("taskmanager-0", "not running").containsEntry("taskmanager-1", "not running");
    }

    @Test
    void savedSettingsComeBackForLaterCommands(@TempDir Path dir) throws IOException {
        ClusterSettings s = ClusterSettings.defaults(ROOT).withClusterDir(dir).withPorts(18124, 16790)
                .withTaskManagers(3, 2);
        new StandaloneCluster(s).saveSettings();
        ClusterSettings loaded = StandaloneCluster.loadSettings(ClusterSettings.defaults(ROOT).withClusterDir(dir));
        assertThat(loaded.restPort()).isEqualTo(18124);
        assertThat(loaded.rpcPort()).isEqualTo(16790);
        assertThat(loaded.taskManagers()).isEqualTo(3);
        assertThat(loaded.slotsPerTaskManager()).isEqualTo(2);
    }

    @Test
    void restCallsWithoutAClusterNameTheUrl() {
        FlinkRest rest = new FlinkRest("http://localhost:1");
        assertThat(rest.isUp()).isFalse();
        assertThatThrownBy(rest::jobs).isInstanceOf(IOException.class)
                .hasMessageContaining("GET /jobs/overview").hasMessageContaining("http://localhost:1");
    }
}
