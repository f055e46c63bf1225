package org.neurostream.bci.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RereferenceTest {

    @Test
    void commonAverageLeavesZeroMeanAcrossChannelsAtEverySample() {
        // 3 channels × 4 samples, channel-major
        double[] x = {1, 2, 3, 4, /* */ 10, 20, 30, 40, /* */ -5, 0, 5, 10};
        Rereference.commonAverage(x, 3);
        for (int s = 0; s < 4; s++) {
            assertThat(x[s] + x[4 + s] + x[8 + s]).isCloseTo(0.0, within(1e-12));
        }
        // sample 0: mean (1 + 10 - 5) / 3 = 2
        assertThat(x[0]).isCloseTo(-1.0, within(1e-12));
        assertThat(x[4]).isCloseTo(8.0, within(1e-12));
        assertThat(x[8]).isCloseTo(-7.0, within(1e-12));
    }

    @Test
    void referenceChannelBecomesZeroAndIsSubtractedFromOthers() {
        double[] x = {1, 2, /* */ 10, 20, /* */ 3, 5};
        Rereference.toChannel(x, 3, 2);
        assertThat(x).containsExactly(-2, -3, 7, 15, 0, 0);
    }

    @Test
    void unknownReferenceChannelIsRejected() {
        assertThatThrownBy(() -> Rereference.toChannel(new double[6], 3, 3))
                .hasMessageContaining("referenceChannel 3 is not one of the 3 channels (0..2)");
    }
}
