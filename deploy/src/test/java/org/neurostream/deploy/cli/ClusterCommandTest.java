package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterCommandTest {
    @Test
    void helpListsTheFourSubcommands() {
        CliRun run = CliRun.of("cluster", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("start", "stop", "submit", "status");
        for (String sub : new String[] {"start", "stop", "submit", "status"}) {
            assertThat(CliRun.of("cluster", sub, "--help").exitCode()).as(sub).isZero();
        }
    }

    @Test
    void jobNamesMapToTheJobJarsEntryClasses() {
        assertThat(ClusterCommand.entryClass("online")).isEqualTo("org.neurostream.deploy.jobs.OnlineBciJobMain");
        assertThat(ClusterCommand.entryClass("replay")).isEqualTo("org.neurostream.deploy.jobs.ReplayJobMain");
        assertThat(ClusterCommand.entryClass("video")).isEqualTo("org.neurostream.deploy.jobs.VideoJobMain");
        assertThat(ClusterCommand.entryClass("com.example.Main")).isEqualTo("com.example.Main");
    }

    @Test
    void startRejectsAnInvalidPortNamingIt() {
        CliRun run = CliRun.of("cluster", "start", "--rest-port", "70000");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("restPort", "70000");
    }
}
