package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.filter.BandType;
import org.neurostream.bci.filter.IirDesign;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/** The tap in a Flink operator harness with a clock the test moves by hand. */
class DashboardTapTest {
    /** One clock for all harness copies of the function (the function is serialized into the operator). */
    private static final AtomicLong NOW = new AtomicLong();

    private static SampleChunk chunk(int index, int samples, double rateHz) {
        double[] v = new double[4 * samples];
        for (int c = 0; c < 4; c++) {
            for (int s = 0; s < samples; s++) {
                double t = (index * samples + s) / rateHz;
                v[c * samples + s] = 10 * Math.sin(2 * Math.PI * 10 * t + c) + (c + 1) * Math.cos(2 * Math.PI * t);
            }
        }
        return SampleChunk.regular("amp", 4, v, index * samples / rateHz, rateHz);
    }

    private static List<DashboardEvent> run(DashboardTap tap, List<Long> clockNanos, List<SampleChunk> chunks)
            throws Exception {
        try (OneInputStreamOperatorTestHarness<StreamData, DashboardEvent> h =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(tap))) {
            h.setup(new DashboardEventSerializer());
            h.open();
            for (int i = 0; i < chunks.size(); i++) {
                NOW.set(clockNanos.get(i));
                h.processElement(chunks.get(i), 0);
            }
            return h.extractOutputValues();
        }
    }

    private static double shownSeconds(List<DashboardEvent> events, boolean filtered) {
        return events.stream().filter(e -> e instanceof DashboardEvent.Signal s && s.filtered() == filtered)
                .mapToDouble(e -> ((DashboardEvent.Signal) e).points() / ((DashboardEvent.Signal) e).rateHz()).sum();
    }

    @Test
    void aReplayFasterThanRealTimeIsShownInSamplesNotWhole() throws Exception {
        // 20 s of a 1 kHz stream arrive within 2 s of wall clock
        List<SampleChunk> chunks = new java.util.ArrayList<>();
        List<Long> clock = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            chunks.add(chunk(i, 100, 1000));
            clock.add(i * 10_000_000L);
        }
        List<DashboardEvent> events = run(new DashboardTap(8, 13, null, NOW::get), clock, chunks);
        double shown = shownSeconds(events, false);
        assertThat(shown).isGreaterThan(1.0).isLessThanOrEqualTo(2.0 + DashboardTap.BURST_SECONDS + 0.1);
        // health still counts every sample: 200 chunks x 100 samples in 2 s
        List<DashboardEvent.Health> health = events.stream().filter(e -> e instanceof DashboardEvent.Health)
                .map(e -> (DashboardEvent.Health) e).toList();
        assertThat(health).isNotEmpty();
        assertThat(health.get(0).rateHz()).isGreaterThan(5000);
        assertThat(health.get(0).gaps()).isZero();
    }

    @Test
    void aRealTimeStreamIsShownWholeRawAndFiltered() throws Exception {
        List<SampleChunk> chunks = new java.util.ArrayList<>();
        List<Long> clock = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            chunks.add(chunk(i, 100, 500));
            clock.add(i * 200_000_000L); // 100 samples at 500 Hz = 0.2 s each, on time
        }
        var band = IirDesign.butterworth(4, BandType.BANDPASS, 500, 8, 30);
        List<DashboardEvent> events = run(new DashboardTap(8, 30, band, NOW::get), clock, chunks);
        assertThat(shownSeconds(events, false)).isEqualTo(6.0);
        assertThat(shownSeconds(events, true)).isEqualTo(6.0);
        List<DashboardEvent.BandPowerDb> power = events.stream().filter(e -> e instanceof DashboardEvent.BandPowerDb)
                .map(e -> (DashboardEvent.BandPowerDb) e).toList();
        assertThat(power).isNotEmpty();
        // every channel carries the same 10 Hz sine: the same band power within a fraction of a dB
        double[] db = power.get(power.size() - 1).valuesDb();
        for (double v : db) {
            assertThat(v).isCloseTo(db[0], org.assertj.core.api.Assertions.within(0.5));
        }
        DashboardEvent.Health last = events.stream().filter(e -> e instanceof DashboardEvent.Health)
                .map(e -> (DashboardEvent.Health) e).reduce((a, b) -> b).orElseThrow();
        assertThat(last.latencyMs()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1.0));
    }
}
