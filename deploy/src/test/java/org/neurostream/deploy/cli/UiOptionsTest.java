package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UiOptionsTest {

    @Test
    void dashboardOnANonLoopbackAddressWithoutTokenRefusesToStart() {
        for (String command : new String[] {"replay", "video"}) {
            CliRun r = CliRun.of(command, "--ui=0.0.0.0:8090", CliRun.testData("eeg/S001R04.edf").toString());
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).contains("0.0.0.0:8090").contains("--ui-token");
        }
    }

    @Test
    void malformedUiAddressIsNamed() {
        CliRun r = CliRun.of("replay", "--ui=localhost:eighty", CliRun.testData("eeg/S001R04.edf").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'localhost:eighty'").contains("'eighty' is not a number");
    }
}
