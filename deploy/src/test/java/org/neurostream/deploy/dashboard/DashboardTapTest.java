package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.filter.BandType;
import org.neurostream.bci.filter.IirDesign;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.bci.filter.StreamingSosFilter;
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

    /**
     * A tap on the test's clock that analyses at once, on the calling thread, each analysis costing no CPU time (so
     * that the fast streams' analysis budget never delays one; {@link #tapWithAnalysisCost} tests the budget).
     */
    private static DashboardTap tap(double lowHz, double highHz, SosCoefficients filter, Map<String, Double> ends) {
        return new DashboardTap(lowHz, highHz, filter, ends, null, NOW::get, DashboardTap.Analysis.TASK_THREAD,
                () -> 0L);
    }

    private static List<DashboardEvent> run(DashboardTap tap, List<Long> clockNanos, List<? extends StreamData> chunks)
            throws Exception {
        return runTimed(tap, clockNanos, chunks).stream().map(Sent::event).toList();
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
        List<DashboardEvent> events = run(tap(8, 13, null, java.util.Map.of("amp", 19.999)),
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
        List<DashboardEvent> events = run(tap(8, 13, null, java.util.Map.of()), clock,
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
        List<DashboardEvent> events = run(tap(8, 13, null, java.util.Map.of("run1", 1.99, "run2", 9.99)), clock, chunks);
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
        List<DashboardEvent> events = run(tap(8, 30, band, java.util.Map.of()), clock, chunks);
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

    /**
     * A real-time stream in one-second chunks (each chunk the whole window, analysed in place) gets the same band
     * power as the same signal in half-second chunks at the analyses whose window is the same second (from the ring).
     */
    @Test
    void aChunkThatIsTheWholeWindowGetsTheBandPowerOfThatSecondFromTheRing() throws Exception {
        double rateHz = 500;
        List<SampleChunk> seconds = new ArrayList<>();
        List<Long> secondsClock = new ArrayList<>();
        List<SampleChunk> halves = new ArrayList<>();
        List<Long> halvesClock = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seconds.add(chunk(i, 500, rateHz));
            secondsClock.add(i * 1_000_000_000L);
        }
        for (int i = 0; i < 12; i++) {
            halves.add(chunk(i, 250, rateHz));
            halvesClock.add(i * 500_000_000L);
        }
        List<double[]> whole = bandPowers(run(tap(8, 30, null, Map.of()), secondsClock, seconds));
        List<double[]> ring = bandPowers(run(tap(8, 30, null, Map.of()), halvesClock, halves));
        // no stream's signal is kept before its speed is known (the first chunk, at 0 s); then one-second chunks are
        // analysed after each chunk from the second on, half-second chunks after each from the second on, over the
        // last second kept: the analyses after half-second chunks 3, 5, 7, ... (ring entries 2, 4, 6, ...) cover
        // the seconds that the one-second chunks 1, 2, 3, ... are
        assertThat(whole).hasSize(5);
        assertThat(ring).hasSize(11);
        for (int k = 0; k < whole.size(); k++) {
            assertThat(whole.get(k)).containsExactly(ring.get(2 * k + 2));
        }
    }

    private static List<double[]> bandPowers(List<DashboardEvent> events) {
        return events.stream().filter(e -> e instanceof DashboardEvent.BandPowerDb)
                .map(e -> ((DashboardEvent.BandPowerDb) e).valuesDb()).toList();
    }

    /** An event and the test clock when the tap sent it. */
    private record Sent(DashboardEvent event, long clockNanos) {
    }

    private static List<Sent> runTimed(DashboardTap tap, List<Long> clockNanos, List<? extends StreamData> chunks)
            throws Exception {
        List<Sent> sent = new ArrayList<>();
        try (OneInputStreamOperatorTestHarness<StreamData, DashboardEvent> h =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(tap))) {
            h.setup(new DashboardEventSerializer());
            h.open();
            for (int i = 0; i < chunks.size(); i++) {
                NOW.set(clockNanos.get(i));
                h.processElement(chunks.get(i), 0);
                Object o;
                while ((o = h.getOutput().poll()) != null) {
                    if (o instanceof StreamRecord<?> r) {
                        sent.add(new Sent((DashboardEvent) r.getValue(), clockNanos.get(i)));
                    }
                }
            }
        }
        return sent;
    }

    /** The values of channel {@code c} of every chunk. */
    private static Set<Double> channelValues(List<SampleChunk> chunks, int c) {
        Set<Double> values = new HashSet<>();
        for (SampleChunk k : chunks) {
            int n = k.sampleCount();
            for (int s = 0; s < n; s++) {
                values.add(k.values()[c * n + s]);
            }
        }
        return values;
    }

    /** Checks that blocks follow each other without a hole from 0 s to {@code endSeconds}. */
    private static void assertContinuous(List<DashboardEvent.Signal> shown, double endSeconds) {
        assertThat(shown.get(0).t0Seconds()).isZero();
        double end = 0;
        for (DashboardEvent.Signal s : shown) {
            assertThat(s.t0Seconds()).isCloseTo(end, org.assertj.core.api.Assertions.within(1e-6));
            end = s.t0Seconds() + s.points() / s.rateHz();
        }
        assertThat(end).isCloseTo(endSeconds, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void fiftyTimesRealTimeIsShownContinuousFromTheChunksValuesWithBandPowerEveryHalfSecondOfWallClock()
            throws Exception {
        // 100 s of a 1 kHz stream in 100-sample chunks arrive within 2 s of wall clock
        List<SampleChunk> chunks = new ArrayList<>();
        List<Long> clock = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            chunks.add(chunk(i, 100, 1000));
            clock.add(i * 2_000_000L);
        }
        SosCoefficients band = IirDesign.butterworth(4, BandType.BANDPASS, 1000, 8, 30);
        List<Sent> sent = runTimed(tap(8, 13, band, Map.of("amp", 99.999)), clock, chunks);
        List<DashboardEvent> events = sent.stream().map(Sent::event).toList();
        // raw and filtered traces: continuous in time from the first sample to the last
        assertContinuous(signals(events, false), 100.0);
        assertContinuous(signals(events, true), 100.0);
        // every point shown is a value the stream had (raw) or that the causal filter gave (filtered)
        StreamingSosFilter reference = new StreamingSosFilter(band, 4);
        List<SampleChunk> filteredChunks = new ArrayList<>();
        for (SampleChunk k : chunks) {
            double[] f = new double[k.values().length];
            if (filteredChunks.isEmpty()) {
                double[] x0 = new double[4];
                for (int c = 0; c < 4; c++) {
                    x0[c] = k.values()[c * k.sampleCount()];
                }
                reference.initializeSteadyState(x0);
            }
            reference.process(k.values(), f);
            filteredChunks.add(SampleChunk.regular("amp", 4, f, k.firstTimestampSeconds(), 1000));
        }
        for (int c = 0; c < 4; c++) {
            Set<Double> rawValues = channelValues(chunks, c);
            Set<Double> filteredValues = channelValues(filteredChunks, c);
            for (DashboardEvent.Signal s : signals(events, false)) {
                for (int k = 0; k < s.points(); k++) {
                    assertThat(rawValues.contains(s.values()[c * s.points() + k])).as("a raw value").isTrue();
                }
            }
            for (DashboardEvent.Signal s : signals(events, true)) {
                for (int k = 0; k < s.points(); k++) {
                    assertThat(filteredValues.contains(s.values()[c * s.points() + k])).as("a filtered value")
                            .isTrue();
                }
            }
        }
        // band power: still every 0.5 s of wall clock, whatever the speed
        List<Long> bandPowerAt = sent.stream().filter(x -> x.event() instanceof DashboardEvent.BandPowerDb)
                .map(Sent::clockNanos).toList();
        assertThat(bandPowerAt).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < bandPowerAt.size(); i++) {
            assertThat(bandPowerAt.get(i) - bandPowerAt.get(i - 1)).isBetween(500_000_000L, 600_000_000L);
        }
        DashboardEvent.BandPowerDb power = (DashboardEvent.BandPowerDb) events.stream()
                .filter(e -> e instanceof DashboardEvent.BandPowerDb).reduce((a, b) -> b).orElseThrow();
        for (double v : power.valuesDb()) {
            assertThat(v).isFinite().isCloseTo(power.valuesDb()[0], org.assertj.core.api.Assertions.within(0.5));
        }
    }

    @Test
    void aStreamFarAboveRealTimeIsRetunedAtItsSecondChunkNotAfterAFlushInterval() throws Exception {
        // 60 s of a 1 kHz stream in 1-s chunks, one per ms of wall clock: an unpaced replay of one file
        List<SampleChunk> chunks = new ArrayList<>();
        List<Long> clock = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            chunks.add(chunk(i, 1000, 1000));
            clock.add(i * 1_000_000L);
        }
        List<Sent> sent = runTimed(tap(8, 13, null, Map.of("amp", 59.999)), clock, chunks);
        List<Sent> traces = sent.stream().filter(x -> x.event() instanceof DashboardEvent.Signal).toList();
        // the second chunk (1 s of signal within 1 ms) tells the speed at once: the trace is retuned there, so the
        // next 50 ms of chunks are not enveloped sample by sample at the real-time factor
        assertThat(traces.get(0).clockNanos()).isEqualTo(1_000_000L);
        assertThat(traces.get(1).clockNanos()).isGreaterThanOrEqualTo(DashboardTap.MIN_FLUSH_MILLIS * 1_000_000L);
        assertContinuous(traces.stream().map(x -> (DashboardEvent.Signal) x.event()).toList(), 60.0);
    }

    @Test
    void aRealTimeStreamInHalfSecondChunksKeepsEverySampleInTheEnvelope() throws Exception {
        // bursts of 0.5 s at real time are no sign of speed: the trace keeps the real-time factor (250 points/s)
        List<SampleChunk> chunks = new ArrayList<>();
        List<Long> clock = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            chunks.add(chunk(i, 500, 1000));
            clock.add(i * 500_000_000L);
        }
        List<DashboardEvent> events = run(tap(8, 13, null, Map.of("amp", 3.999)), clock, chunks);
        List<DashboardEvent.Signal> shown = signals(events, false);
        assertContinuous(shown, 4.0);
        for (DashboardEvent.Signal s : shown) {
            assertThat(s.rateHz()).isCloseTo(250.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void atRealTimeEverySampleReachesTheEnvelope() throws Exception {
        List<SampleChunk> chunks = new ArrayList<>();
        List<Long> clock = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SampleChunk k = chunk(i, 100, 1000);
            double[] v = k.values().clone();
            if (i == 12) {
                v[2 * 100 + 37] = 1000; // a spike on channel 2 at sample 1237
            }
            if (i == 23) {
                v[45] = -1000; // a dip on channel 0 at sample 2345
            }
            chunks.add(SampleChunk.regular("amp", 4, v, k.firstTimestampSeconds(), 1000));
            clock.add(i * 100_000_000L);
        }
        List<DashboardEvent> events = run(tap(8, 13, null, Map.of("amp", 2.999)), clock, chunks);
        List<DashboardEvent.Signal> shown = signals(events, false);
        assertContinuous(shown, 3.0);
        double max2 = Double.NEGATIVE_INFINITY;
        double min0 = Double.POSITIVE_INFINITY;
        for (DashboardEvent.Signal s : shown) {
            // buckets of 8 samples: min and max of each
            assertThat(s.rateHz()).isCloseTo(250.0, org.assertj.core.api.Assertions.within(1e-9));
            for (int k = 0; k < s.points(); k++) {
                max2 = Math.max(max2, s.values()[2 * s.points() + k]);
                min0 = Math.min(min0, s.values()[k]);
            }
        }
        assertThat(max2).isEqualTo(1000);
        assertThat(min0).isEqualTo(-1000);
    }

    @Test
    void aStreamWhoseTimestampsJumpAtEveryChunkRestartsItsTraceAtMostOncePerFlushInterval() throws Exception {
        // one stream key, two interleaved runs 1000 s apart (a file replayed twice under one key): every chunk jumps
        List<SampleChunk> chunks = new ArrayList<>();
        List<Long> clock = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            chunks.add(chunk(i, 10, 1000));
            clock.add(2 * i * 2_000_000L);
            SampleChunk late = chunk(i, 10, 1000);
            chunks.add(SampleChunk.regular("amp", 4, late.values(), 1000 + late.firstTimestampSeconds(), 1000));
            clock.add((2 * i + 1) * 2_000_000L);
        }
        List<DashboardEvent> events = run(tap(8, 13, null, Map.of()), clock, chunks);
        List<DashboardEvent.Signal> shown = signals(events, false);
        // 2 s of wall clock: at most one restart (and so one trace message) per 50 ms, plus the regular messages
        assertThat(shown).hasSizeLessThanOrEqualTo(2 * 40 + 2);
        // ... and the trace still shows the signal at about the real-time resolution: the jumps are not taken for
        // speed (which would make a bucket span hundreds of seconds)
        assertThat(shown).isNotEmpty().allSatisfy(s -> assertThat(s.rateHz()).isGreaterThan(50));
        for (DashboardEvent.Signal s : shown) {
            double t0 = s.t0Seconds();
            assertThat(t0 < 5.0 || t0 >= 1000.0).as("a block lies within one of the runs").isTrue();
        }
        // health counts every jump (its last report, after 1 s of wall clock, has seen 500 chunks)
        List<DashboardEvent.Health> health = health(events, "amp");
        assertThat(health.get(health.size() - 1).gaps()).isGreaterThanOrEqualTo(490);
    }

    @Test
    void bandPowerComputedOnTheAnalysisThreadGoesOutWithALaterElement() throws Exception {
        try (OneInputStreamOperatorTestHarness<StreamData, DashboardEvent> h = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new DashboardTap(8, 13, null, Map.of(), null, NOW::get,
                        DashboardTap.Analysis.OWN_THREAD)))) {
            h.setup(new DashboardEventSerializer());
            h.open();
            List<DashboardEvent.BandPowerDb> power = List.of();
            for (int i = 0; i < 2000 && power.isEmpty(); i++) {
                NOW.set(i * 100_000_000L); // real time: 100 samples at 1 kHz per 0.1 s
                h.processElement(chunk(i, 100, 1000), 0);
                power = h.extractOutputValues().stream().filter(e -> e instanceof DashboardEvent.BandPowerDb)
                        .map(e -> (DashboardEvent.BandPowerDb) e).toList();
                if (i >= 10) {
                    Thread.sleep(5); // give the analysis thread time; its result leaves with the next element
                }
            }
            assertThat(power).isNotEmpty();
            assertThat(power.get(0).stream()).isEqualTo("amp");
            assertThat(power.get(0).valuesDb()).hasSize(4);
            for (double v : power.get(0).valuesDb()) {
                assertThat(v).isFinite();
            }
        }
    }

    /** Thread CPU time the test's analyses report: each reading advances it by {@link #COST}, the analysis's cost. */
    private static final AtomicLong CPU = new AtomicLong();
    private static final AtomicLong COST = new AtomicLong();
    private static final long ANALYSIS_COST_NANOS = 1_000_000L;

    /** A tap like {@link #tap} whose analyses each cost {@link #COST} ns of thread CPU time. */
    private static DashboardTap tapWithAnalysisCost() {
        return new DashboardTap(8, 13, null, Map.of(), null, NOW::get, DashboardTap.Analysis.TASK_THREAD,
                () -> CPU.addAndGet(COST.get()));
    }

    /**
     * {@code streams} 1 kHz streams of 100-sample chunks, in turn, each {@code speed} times faster than real time,
     * for {@code wallSeconds} of wall clock, each analysis costing {@code analysisCostNanos} of CPU; when the band
     * power events were sent, by stream.
     */
    private static Map<String, List<Long>> bandPowerTimes(int streams, double speed, double wallSeconds,
            long analysisCostNanos) throws Exception {
        return bandPowerTimes(streams, 100, speed, wallSeconds, analysisCostNanos);
    }

    /** As above, in chunks of {@code chunkSamples} samples. */
    private static Map<String, List<Long>> bandPowerTimes(int streams, int chunkSamples, double speed,
            double wallSeconds, long analysisCostNanos) throws Exception {
        COST.set(analysisCostNanos);
        double[] values = chunk(0, chunkSamples, 1000).values(); // the same values in every chunk will do here
        double chunkSeconds = chunkSamples / 1000.0;
        long chunkWallNanos = (long) (chunkSeconds / speed * 1e9);
        int rounds = (int) (wallSeconds * 1e9 / chunkWallNanos);
        List<SampleChunk> chunks = new ArrayList<>();
        List<Long> clock = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < streams; k++) {
                chunks.add(SampleChunk.regular("s" + k, 4, values, r * chunkSeconds, 1000));
                clock.add(r * chunkWallNanos + k * chunkWallNanos / streams);
            }
        }
        Map<String, List<Long>> times = new java.util.TreeMap<>();
        for (Sent s : runTimed(tapWithAnalysisCost(), clock, chunks)) {
            if (s.event() instanceof DashboardEvent.BandPowerDb b) {
                times.computeIfAbsent(b.stream(), k -> new ArrayList<>()).add(s.clockNanos());
            }
        }
        return times;
    }

    @Test
    void aboveRealTimeTheAnalysesStayWithinTheirCpuBudgetWhateverTheStreamCountAndEveryStreamHasItsTurn()
            throws Exception {
        double wallSeconds = 6;
        // 1 ms per analysis within 2 % of a core: one analysis per 50 ms of wall clock at most, for all streams
        long allowed = (long) (wallSeconds * DashboardTap.ANALYSIS_CPU_FRACTION / (ANALYSIS_COST_NANOS / 1e9)) + 1;
        for (int streams : new int[] {1, 4, 16, 40}) {
            Map<String, List<Long>> times = bandPowerTimes(streams, 50, wallSeconds, ANALYSIS_COST_NANOS);
            long analyses = times.values().stream().mapToLong(List::size).sum();
            assertThat(analyses).as("analyses of %d streams in %s s", streams, wallSeconds)
                    .isLessThanOrEqualTo(allowed);
            // one stream keeps the protocol's cadence (every 0.5 s of wall clock); many share the budget, and use it
            assertThat(analyses).as("analyses of %d streams", streams)
                    .isGreaterThanOrEqualTo(Math.min((long) (wallSeconds / 0.5) - 1, allowed * 3 / 4));
            assertThat(times).as("every stream has its turn").hasSize(streams);
            List<Long> all = times.values().stream().flatMap(List::stream).sorted().toList();
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i) - all.get(i - 1)).as("wall-clock time between two analyses, ns")
                        .isGreaterThanOrEqualTo((long) (ANALYSIS_COST_NANOS / DashboardTap.ANALYSIS_CPU_FRACTION));
            }
        }
    }

    @Test
    void aFastReplayInOneSecondChunksHasEvenItsFirstAnalysesWithinTheBudget() throws Exception {
        // each stream's first chunk is a whole analysis window, and it arrives before the second chunk tells the
        // stream's speed; analysing it at once would put one unbudgeted analysis per stream at the start
        double wallSeconds = 3;
        int streams = 20;
        Map<String, List<Long>> times = bandPowerTimes(streams, 1000, 200, wallSeconds, ANALYSIS_COST_NANOS);
        List<Long> all = times.values().stream().flatMap(List::stream).sorted().toList();
        assertThat(all).isNotEmpty();
        assertThat((long) all.size()).isLessThanOrEqualTo(
                (long) (wallSeconds * DashboardTap.ANALYSIS_CPU_FRACTION / (ANALYSIS_COST_NANOS / 1e9)) + 1);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i) - all.get(i - 1)).as("wall-clock time between two analyses, ns")
                    .isGreaterThanOrEqualTo((long) (ANALYSIS_COST_NANOS / DashboardTap.ANALYSIS_CPU_FRACTION));
        }
        assertThat(times).as("every stream has its turn").hasSize(streams);
    }

    @Test
    void atRealTimeEveryStreamKeepsItsBandPowerCadenceWhateverTheAnalysesCost() throws Exception {
        // 50 ms per analysis: within the fast streams' budget one would wait 2.5 s for the next; at real time each
        // stream keeps its cadence (the budget is for streams faster than real time only)
        Map<String, List<Long>> times = bandPowerTimes(3, 1, 5, 50_000_000L);
        assertThat(times).hasSize(3);
        for (List<Long> t : times.values()) {
            assertThat(t).hasSizeGreaterThanOrEqualTo(8);
            for (int i = 1; i < t.size(); i++) {
                assertThat(t.get(i) - t.get(i - 1)).isBetween(500_000_000L, 600_000_000L);
            }
        }
    }

    @Test
    void aboveRealTimeAllStreamsTogetherStayWithinOneTraceBudgetPerWallClockSecondAndStayContinuous()
            throws Exception {
        int channels = 64;
        double[] values = new double[channels * 100];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i * 0.37) * 50;
        }
        double wallSeconds = 6;
        long chunkWallNanos = 2_000_000L; // 0.1 s of signal per 2 ms: 50 x real time
        for (int streams : new int[] {1, 8, 40}) {
            List<SampleChunk> chunks = new ArrayList<>();
            List<Long> clock = new ArrayList<>();
            for (int r = 0; r < wallSeconds * 1e9 / chunkWallNanos; r++) {
                for (int k = 0; k < streams; k++) {
                    chunks.add(SampleChunk.regular("s" + k, channels, values, r * 0.1, 1000));
                    clock.add(r * chunkWallNanos + k * chunkWallNanos / streams);
                }
            }
            List<Sent> sent = runTimed(tap(8, 13, null, Map.of()), clock, chunks);
            // once the tap has counted the fast streams (its first health round, 1 s), the budget holds
            long from = 2_000_000_000L;
            long valuesSent = 0;
            long messages = 0;
            Map<String, List<DashboardEvent.Signal>> byStream = new java.util.TreeMap<>();
            for (Sent x : sent) {
                if (x.event() instanceof DashboardEvent.Signal sig) {
                    byStream.computeIfAbsent(sig.stream(), k -> new ArrayList<>()).add(sig);
                    if (x.clockNanos() >= from) {
                        valuesSent += sig.values().length;
                        messages++;
                    }
                }
            }
            double seconds = wallSeconds - from / 1e9;
            assertThat(valuesSent).as("trace values of %d streams per wall-clock second", streams)
                    .isLessThanOrEqualTo((long) (DashboardTap.FAST_VALUES_PER_SECOND * (seconds
                            + DashboardTap.BURST_SECONDS)));
            assertThat(messages).as("trace messages of %d streams", streams)
                    .isLessThanOrEqualTo((long) (DashboardTap.FAST_MESSAGES_PER_SECOND * seconds) + streams);
            // every stream is still shown, continuous in time
            assertThat(byStream).hasSize(streams);
            for (List<DashboardEvent.Signal> shown : byStream.values()) {
                double end = shown.get(0).t0Seconds();
                for (DashboardEvent.Signal b : shown) {
                    assertThat(b.t0Seconds()).isCloseTo(end, org.assertj.core.api.Assertions.within(1e-6));
                    end = b.t0Seconds() + b.points() / b.rateHz();
                }
                // the shown trace keeps up with the replay (50 x real time, rounded up to 64): it lags by at most
                // about one message interval (the fast streams share the messages per second) and one open bucket
                double interval = Math.max(DashboardTap.MIN_FLUSH_MILLIS / 1e3,
                        streams / DashboardTap.FAST_MESSAGES_PER_SECOND);
                double share = Math.min(DashboardTap.TARGET_POINTS_PER_SECOND,
                        DashboardTap.FAST_VALUES_PER_SECOND / (streams * channels));
                double bucketSeconds = 2 * 64 / share;
                assertThat(end).isGreaterThan(wallSeconds * 50 - (interval + 0.1) * 50 - bucketSeconds);
            }
        }
    }
}
