package org.neurostream.operators.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacedDueTimesTest {
    /** Wall clock (µs since the Unix epoch) at which the replay's recording time 0 was due. */
    private static final long ORIGIN = 1_700_000_000_000_000L;

    @Test
    void aChunkOfAPacedReplayIsDueAtTheOriginPlusItsRecordingTimeOverTheSpeed() {
        PacedDueTimes due = new PacedDueTimes(2.0);
        // Chunks of 0.1 s at twice real time are due every 50 ms; the first arrives 300 µs after it was due.
        due.observe(ORIGIN + 50_000 + 300, 0.1);
        due.observe(ORIGIN + 100_000 + 900, 0.2);
        // The origin estimate is the earliest arrival - t / speed: 300 µs late, the smallest delay seen.
        assertThat(due.dueMicros(ORIGIN + 100_000 + 900, 0.2)).isEqualTo(ORIGIN + 100_000 + 300);
    }

    @Test
    void aChunkThatArrivesLateBecauseTheJobFellBehindKeepsItsScheduledTime() {
        PacedDueTimes due = new PacedDueTimes(1.0);
        due.observe(ORIGIN + 100_000, 0.1);
        due.observe(ORIGIN + 200_000, 0.2);
        // Recording time 30 s arrives 2.5 s after it was due: 2.5 s of the decision latency come from the backlog.
        long arrival = ORIGIN + 32_500_000;
        due.observe(arrival, 30.0);
        assertThat(arrival - due.dueMicros(arrival, 30.0)).isEqualTo(2_500_000);
    }

    @Test
    void liveOrUnpacedInputIsDueWhenItArrives() {
        PacedDueTimes due = new PacedDueTimes(Double.POSITIVE_INFINITY);
        due.observe(ORIGIN, 0.1);
        due.observe(ORIGIN + 5_000_000, 30.0);
        assertThat(due.dueMicros(ORIGIN + 5_000_000, 30.0)).isEqualTo(ORIGIN + 5_000_000);
    }

    @Test
    void aChunkRestoredFromAnEarlierRunIsDueAtItsArrivalNotOnTheNewTimeline() {
        PacedDueTimes due = new PacedDueTimes(1.0);
        // Before any chunk of this run: no timeline yet.
        assertThat(due.dueMicros(ORIGIN, 10.0)).isEqualTo(ORIGIN);
        // The restored run re-anchors at recording time 60 s; a chunk at 59.9 s arrived in the earlier run.
        due.observe(ORIGIN + 100_000, 60.1);
        assertThat(due.dueMicros(ORIGIN - 3_000_000, 59.9)).isEqualTo(ORIGIN - 3_000_000);
    }

    @Test
    void aSpeedThatIsNotPositiveIsRejected() {
        assertThatThrownBy(() -> new PacedDueTimes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replaySpeed").hasMessageContaining("0.0");
    }
}
