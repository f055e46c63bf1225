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
        return chunk("amp", index, samples, rateHz);
    }

    private static SampleChunk chunk(String key, int index, int samples, double rateHz) {
        double[] v = new double[4 * samples];
        for (int c = 0; c < 4; c++) {
            for (int s = 0; s < samples; s++) {
                double t = (index * samples + s) / rateHz;
                v[c * samples + s] = 10 * Math.sin(2 * Math.PI * 10 * t + c) + (c + 1) * Math.cos(2 * Math.PI * t);
            }
        }
        return SampleChunk.regular(key, 4, v, index * samples / rateHz, rateHz);
    }

    private static List<DashboardEvent> run(DashboardTap tap, List<Long> clockNanos, List<? extends StreamData> chunks)
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

    private static List<DashboardEvent.Signal> signals(List<DashboardEvent> events, boolean filtered) {
        return events.stream().filter(e -> e instanceof DashboardEvent.Signal s && s.filtered() == filtered)
                .map(e -> (DashboardEvent.Signal) e).toList();
    }

    private static List<DashboardEvent.Health> health(List<DashboardEvent> events, String key) {
        return events.stream().filter(e -> e instanceof DashboardEvent.Health h && h.stream().equals(key))
                .map(e -> (DashboardEvent.Health) e).toList();
    }

    @Test
    void aReplayTenTimesFasterThanRealTimeIsShownWholeWithinThePointBudgetPerWallClockSecond() throws Exception {
        // 20 s of a 1 kHz stream arrive within 2 s of wall clock
        List<SampleChunk> chunks = new java.util.ArrayList<>();
        List<Long> clock = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            chunks.add(chunk(i, 100, 1000));
            clock.add(i * 10_000_000L);
        }
        List<DashboardEvent> events = run(new DashboardTap(8, 13, null, java.util.Map.of("amp", 19.999), NOW::get, DashboardTap.Analysis.TASK_THREAD),
                clock, chunks);
        List<DashboardEvent.Signal> shown = signals(events, false);
        // continuous: every block starts where the previous one ended, from the first sample to the last
        assertThat(shown.get(0).t0Seconds()).isZero();
        double end = 0;
        long points = 0;
        for (DashboardEvent.Signal s : shown) {
            assertThat(s.t0Seconds()).isCloseTo(end, org.assertj.core.api.Assertions.within(1e-6));
            end = s.t0Seconds() + s.points() / s.rateHz();
            points += s.points();
        }
        assertThat(end).isCloseTo(20.0, org.assertj.core.api.Assertions.within(0.05));
        // ... in at most 250 points per channel per wall-clock second, after the 1 s burst allowance
        assertThat(points).isLessThanOrEqualTo((long) (DashboardTap.TARGET_POINTS_PER_SECOND
                * (1.99 + DashboardTap.BURST_SECONDS)));
        assertThat(shown.size()).as("at most one message per 50 ms of wall clock, and the tail").isLessThanOrEqualTo(41);
        // health counts every sample: 200 chunks x 100 samples in 2 s
        List<DashboardEvent.Health> health = health(events, "amp");
        assertThat(health).isNotEmpty();
        assertThat(health.get(0).rateHz()).isGreaterThan(5000);
        assertThat(health.get(0).gaps()).isZero();
    }

    @Test
    void markerLatencyIsTakenOnArrivalNotAtEachHealthReport() throws Exception {
        // a 100 Hz stream in real time for 10 s keeps health reports coming; markers arrive on time at 0, 4 and 8 s
        List<StreamData> elements = new java.util.ArrayList<>();
        List<Long> clock = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i % 40 == 0) {
                elements.add(org.neurostream.streams.record.Marker.of("cues", i / 10.0, "cue"));
                clock.add(i * 100_000_000L);
            }
            elements.add(chunk(i, 10, 100));
            clock.add(i * 100_000_000L);
        }
        List<DashboardEvent> events = run(new DashboardTap(8, 13, null, java.util.Map.of(), NOW::get, DashboardTap.Analysis.TASK_THREAD), clock,
                elements);
        List<DashboardEvent.Health> cues = health(events, "cues");
        assertThat(cues).hasSizeGreaterThan(5);
        assertThat(cues).allSatisfy(h -> assertThat(h.latencyMs()).isZero());
    }

    @Test
    void aRecordingThatHasEndedIsReportedEndedNotSilent() throws Exception {
        // the first run ends at 2 s (its last sample at 1.99 s); a second run goes on for 3 s more
        List<SampleChunk> chunks = new java.util.ArrayList<>();
        List<Long> clock = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chunks.add(chunk("run1", i, 10, 100));
            clock.add(i * 100_000_000L);
        }
        for (int i = 0; i < 30; i++) {
            chunks.add(chunk("run2", i, 10, 100));
            clock.add(2_000_000_000L + i * 100_000_000L);
        }
        List<DashboardEvent> events = run(new DashboardTap(8, 13, null, java.util.Map.of("run1", 1.99, "run2", 9.99),
                NOW::get, DashboardTap.Analysis.TASK_THREAD), clock, chunks);
        List<DashboardEvent.Health> run1 = health(events, "run1");
        DashboardEvent.Health last = run1.get(run1.size() - 1);
        assertThat(last.ended()).isTrue();
        assertThat(last.rateHz()).isZero();
        assertThat(health(events, "run2")).allSatisfy(h -> assertThat(h.ended()).isFalse());
        // and its tail reached the page: the blocks cover all 2 s
        List<DashboardEvent.Signal> shown = signals(events, false).stream().filter(s -> s.stream().equals("run1"))
                .toList();
        DashboardEvent.Signal tail = shown.get(shown.size() - 1);
        assertThat(tail.t0Seconds() + tail.points() / tail.rateHz()).isCloseTo(2.0,
                org.assertj.core.api.Assertions.within(1e-6));
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
        List<DashboardEvent> events = run(new DashboardTap(8, 30, band, java.util.Map.of(), NOW::get, DashboardTap.Analysis.TASK_THREAD), clock, chunks);
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
