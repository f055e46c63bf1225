package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptShiftTest {

    private static List<Double> sortedGains(ConceptShift.Kind kind, int channels) {
        List<Double> gains = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            gains.add(kind.gain(c, channels));
        }
        gains.sort(null);
        return gains;
    }

    @Test
    void theAcceptanceRunsItsThreeShiftsAndNotTheDevelopmentOne() {
        assertThat(ConceptShift.Kind.ACCEPTANCE).containsExactly(ConceptShift.Kind.NONE,
                ConceptShift.Kind.SWAPPED_LABELS, ConceptShift.Kind.CHANNEL_GAINS);
        assertThat(ConceptShift.Kind.ofText("channel-gains-interleaved"))
                .isEqualTo(ConceptShift.Kind.CHANNEL_GAINS_INTERLEAVED);
        assertThatThrownBy(() -> ConceptShift.Kind.ofText("gains")).hasMessageContaining("Unknown concept shift 'gains'")
                .hasMessageContaining("channel-gains-interleaved");
    }

    @Test
    void theInterleavedShiftHasTheStandardGainsInBitReversedChannelOrder() {
        // the same set of gains (0.4 to 1.6), for a power of two and for another channel count
        for (int channels : new int[] {64, 21}) {
            List<Double> standard = sortedGains(ConceptShift.Kind.CHANNEL_GAINS, channels);
            List<Double> interleaved = sortedGains(ConceptShift.Kind.CHANNEL_GAINS_INTERLEAVED, channels);
            for (int i = 0; i < channels; i++) {
                assertThat(interleaved.get(i)).isCloseTo(standard.get(i), within(1e-12));
            }
        }
        // 64 channels: channel c gets the standard gain of channel rev6(c); C3 (8) -> 4, C4 (12) -> 12, C1 (9) -> 36
        assertThat(ConceptShift.Kind.CHANNEL_GAINS_INTERLEAVED.gain(8, 64))
                .isCloseTo(ConceptShift.Kind.CHANNEL_GAINS.gain(4, 64), within(1e-12));
        assertThat(ConceptShift.Kind.CHANNEL_GAINS_INTERLEAVED.gain(12, 64))
                .isCloseTo(ConceptShift.Kind.CHANNEL_GAINS.gain(12, 64), within(1e-12));
        assertThat(ConceptShift.Kind.CHANNEL_GAINS_INTERLEAVED.gain(9, 64))
                .isCloseTo(ConceptShift.Kind.CHANNEL_GAINS.gain(36, 64), within(1e-12));
        assertThat(ConceptShift.Kind.SWAPPED_LABELS.gain(9, 64)).isEqualTo(1);
    }
}
