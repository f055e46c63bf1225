package org.neurostream.deploy.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.bci.filter.StreamingSosFilter;
import org.neurostream.bci.spectral.BandPower;
import org.neurostream.bci.spectral.FrequencyBand;
import org.neurostream.bci.spectral.Welch;
import org.neurostream.bci.spectral.WelchParameters;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a job's signal chunks and markers into the small {@link DashboardEvent}s the dashboard shows, next to the job
 * (chained to the operator that produces the data, so full chunks are never serialized for the dashboard). It runs on
 * the job's task thread, so its work per chunk follows what the page can show, not the stream's rate.
 *
 * <p>Per stream:
 * <ul>
 *   <li><b>traces</b>: through {@link MinMaxDecimator} to at most {@link #TARGET_POINTS_PER_SECOND} points per
 *       channel per second of signal <em>and</em> per second of wall clock: the decimation factor grows with the
 *       observed replay speed (signal seconds per wall-clock second, in powers of two), and a token bucket of
 *       {@value #BURST_SECONDS} s of points merges a block further when it would still exceed the bound. So a replay
 *       at any speed is shown continuous in time (a coarser envelope, not snippets with gaps). A block is sent after
 *       {@value #BLOCK_SECONDS} s of signal and at least {@value #MIN_FLUSH_MILLIS} ms of wall clock (≤ 20
 *       messages/s per stream), raw and, when the job has a band-pass, filtered with the same causal design
 *       ({@link StreamingSosFilter}). Streams faster than real time share one budget per wall-clock second
 *       ({@value #FAST_VALUES_PER_SECOND} values and {@value #FAST_MESSAGES_PER_SECOND} messages, split equally),
 *       so the trace work per second does not grow with the number of streams replayed;</li>
 *   <li><b>band power</b> after {@value #BAND_POWER_EVERY_SECONDS} s of signal and of wall clock: Welch
 *       ({@code bci/spectral}, Hann segments of the largest power of two ≤ fs/2, half overlap) over the last second
 *       per channel, integrated over the band (trapezoid), in dB;</li>
 *   <li><b>bad channels</b> over the same second ({@link ChannelQuality});</li>
 *   <li><b>health</b> once per wall-clock second: arrival rate, gaps, latency and whether the stream has ended.
 *       Latency is taken when data arrives, as the growth of the stream's lag (wall-clock time since its first
 *       element minus stream time since then) over the smallest lag seen: 0 while data arrives on schedule, rising
 *       when the job falls behind; an irregular stream (markers) keeps its last arrival's latency between arrivals.
 *       A stream of a recording has ended once its recorded last timestamp has arrived.</li>
 * </ul>
 *
 * <p><b>What the page sees at which speed.</b> Up to {@value #REAL_TIME_TOLERANCE} × real time (a live headset, a
 * paced replay: the clinician's case) every sample goes into the min/max envelope (buckets of
 * {@code ceil(2 fs / 250)} samples) and through the filter, and the one-second window of band power and bad channels
 * is kept continuously. Faster, the speed is rounded up to a power of two {@code m} and
 * <ul>
 *   <li>a bucket spans {@code m} times as many samples, and its min and max are taken over every
 *       {@code stride}-th sample of it, {@code stride} = the largest power of two ≤ bucket / {@value
 *       #LOOKED_AT_PER_BUCKET} (at least {@value #LOOKED_AT_PER_BUCKET} evenly spaced samples per bucket); the
 *       filtered trace is the envelope of the same positions of the filtered signal (the filter itself still runs
 *       over every sample, it is causal);</li>
 *   <li>the analyses of all fast streams share a CPU budget of {@value #ANALYSIS_CPU_FRACTION} of one core (each
 *       analysis's thread CPU time is measured; the next may start only once the budget allows it): the streams
 *       take turns, oldest analysis first, and only the stream whose turn it is collects its one-second window, from
 *       the chunks that arrive from then on; the analysis runs when a full second has been collected. So the
 *       analysis thread's load stays bounded per wall-clock second whatever the number of streams and their
 *       speed. No stream's signal is kept for the analysis before its speed is known (its trace tuned to a
 *       measured speed, or {@value #MIN_FLUSH_MILLIS} ms after its first element): a fast replay delivers its first
 *       second within milliseconds, and analysing it then would put one unbudgeted analysis per stream at the
 *       start of every job.</li>
 * </ul>
 * Band power and bad channels are computed on a thread of the tap's own ({@code neurostream-dashboard-analysis}),
 * never more than one per stream at a time (an analysis that comes due while the previous one still runs is
 * skipped); results go out with the next element the tap processes. A stream's timestamps that jump (a gap, or back:
 * a recording replayed again under the same key, a clock reset) restart its trace at most once per
 * {@value #MIN_FLUSH_MILLIS} ms of wall clock; chunks that break the trace in between are counted as gaps in health
 * and left out of the trace.
 *
 * <p>Markers always pass. The tap's buffers are per task and not checkpointed: after a restore the dashboard starts
 * its views afresh, which loses nothing the job needs.
 */
public final class DashboardTap extends ProcessFunction<StreamData, DashboardEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardTap.class);

    /** Most points per channel per second of signal after decimation. */
    public static final double TARGET_POINTS_PER_SECOND = 250;
    /** Signal seconds per trace message (at most). */
    static final double BLOCK_SECONDS = 0.1;
    /** Least wall-clock time between two trace messages of a stream, ms. */
    static final long MIN_FLUSH_MILLIS = 50;
    /**
     * Above real time, the trace values (points × channels, raw view) that all fast streams of a tap may send per
     * wall-clock second together, shared equally: four 64-channel streams at the full {@link
     * #TARGET_POINTS_PER_SECOND}. A replay that fast scrolls the page's window by in a fraction of a second, so
     * coarser traces lose nothing one can see, and the dashboard's cost per second stays bounded whatever the number
     * of streams.
     */
    static final double FAST_VALUES_PER_SECOND = 64_000;
    /** Above real time, the trace messages per wall-clock second of all fast streams of a tap together (at most). */
    static final double FAST_MESSAGES_PER_SECOND = 80;
    /** Points per channel a stream may send at once above the steady rate, in seconds of that rate. */
    static final double BURST_SECONDS = 1.0;
    /** Band power and bad channels are recomputed after this much new signal, s. */
    static final double BAND_POWER_EVERY_SECONDS = 0.5;
    /** Window of band power and bad channels, s. */
    static final double WINDOW_SECONDS = 1.0;
    /** Up to this speed (signal s per wall-clock s) a stream counts as real time: every sample is looked at. */
    static final double REAL_TIME_TOLERANCE = 1.25;
    /**
     * Speed (signal s per wall-clock s) from which a burst shorter than one flush interval retunes the trace at once:
     * once {@code EARLY_SPEED × MIN_FLUSH_MILLIS} of signal (1 s) has arrived within less than {@link #MIN_FLUSH_MILLIS},
     * the stream is at least this fast, and the trace is retuned for the speed of the burst itself (signal over wall
     * clock, at least 1 ms) rather than after the interval. Why: an unpaced replay of many files reads each in a few
     * tens of ms, and with the interval's wait (or a speed bounded by it) most of each file was enveloped far finer
     * than the page can show (at 64 channels, tens of ms of the job's task thread per job). A live stream delivers a
     * whole second within 50 ms only after a stall, and then shows coarser until the next interval.
     */
    static final double EARLY_SPEED = 20;
    /** Above real time, a decimation bucket's min and max come from at least this many evenly spaced samples. */
    static final int LOOKED_AT_PER_BUCKET = 4;
    private static final long HEALTH_EVERY_NANOS = 1_000_000_000L;
    /** How long the job waits at a recording's end for the stream's last analysis, ms. */
    private static final long END_WAIT_MILLIS = 2000;
    /**
     * Most of one core the analyses of streams faster than real time may use together (thread CPU time of each
     * analysis, measured): after one that took {@code c} s of CPU, the next starts no earlier than
     * {@code c / ANALYSIS_CPU_FRACTION} s of wall clock later. Real-time streams keep their cadence outside it.
     */
    static final double ANALYSIS_CPU_FRACTION = 0.02;
    /** A fast stream chosen for the next analysis that has not collected its window after this long loses its turn. */
    private static final long TURN_TIMEOUT_NANOS = 2_000_000_000L;
    /** Least wall-clock time between two searches for the fast stream whose analysis is next, ns. */
    private static final long TURN_SEARCH_EVERY_NANOS = 10_000_000L;

    /** Where band power and bad channels are computed. */
    enum Analysis {
        /** On a thread of the tap's own, so the job's task thread only copies the window. */
        OWN_THREAD,
        /** On the task thread, at once (deterministic, for tests). */
        TASK_THREAD
    }

    private final double bandLowHz;
    private final double bandHighHz;
    /** The job's causal band-pass as second-order sections (null: no filtered view). */
    private final double[] filterSections;
    private final double filterRateHz;
    private final ClockSource clock;
    /** CPU time of the calling thread, ns (the analysis thread's, to keep the fast streams' analyses in budget). */
    private final ClockSource threadCpu;
    private final Analysis analysis;
    /** Describes streams not in {@link #endSeconds} when they first arrive; null: they stay undescribed. */
    private final StreamDescriber describer;
    /** Recorded last timestamp of each stream of the job's recordings (s), by stream key. */
    private final HashMap<String, Double> endSeconds;

    private transient Map<String, StreamView> streams;
    private transient List<StreamView> views;
    /** The earliest wall-clock time a stream's health report is due, ns. */
    private transient long nextHealthNanos;
    private transient ExecutorService analyser;
    private transient Queue<Analysed> analysed;
    private transient Queue<DashboardEvent.Described> described;
    /** Wall-clock time from which the next analysis of a fast stream may start, ns (set by the analysis thread). */
    private transient volatile long budgetOpensNanos;
    /** The fast stream whose window is being collected for the next budgeted analysis, or null. */
    private transient StreamView turn;
    private transient long turnSinceNanos;
    private transient long nextTurnSearchNanos;
    /** Streams faster than real time that received data in the last second (counted once per health report). */
    private transient int fastStreams;

    /**
     * @param bandLowHz    lower edge of the band-power band, Hz
     * @param bandHighHz   upper edge, Hz
     * @param filter       the job's causal band-pass, applied to streams of its rate for the filtered traces; null
     *                     for none
     * @param endSeconds   the last timestamp (s) of each stream that comes from a recording, by stream key; a stream
     *                     is reported ended once it arrives (streams not named here never end)
     * @param describer    finds the description of a signal stream not named in {@code endSeconds} when its first
     *                     chunk arrives (on the tap's analysis thread), for the page's labels and scalp map; null
     *                     for none
     */
    public DashboardTap(double bandLowHz, double bandHighHz, SosCoefficients filter, Map<String, Double> endSeconds,
            StreamDescriber describer) {
        this(bandLowHz, bandHighHz, filter, endSeconds, describer, System::nanoTime, Analysis.OWN_THREAD);
    }

    DashboardTap(double bandLowHz, double bandHighHz, SosCoefficients filter, Map<String, Double> endSeconds,
            StreamDescriber describer, ClockSource clock, Analysis analysis) {
        this(bandLowHz, bandHighHz, filter, endSeconds, describer, clock, analysis, DashboardTap::threadCpuNanos);
    }

    /**
     * @param clock     wall clock, ns (tests step it by hand)
     * @param analysis  where band power and bad channels are computed
     * @param threadCpu CPU time of the calling thread, ns (tests give each analysis a known cost)
     */
    DashboardTap(double bandLowHz, double bandHighHz, SosCoefficients filter, Map<String, Double> endSeconds,
            StreamDescriber describer, ClockSource clock, Analysis analysis, ClockSource threadCpu) {
        new FrequencyBand(bandLowHz, bandHighHz); // validates the band here, not on the cluster
        this.bandLowHz = bandLowHz;
        this.bandHighHz = bandHighHz;
        this.filterSections = filter == null ? null : filter.coefficients().clone();
        this.filterRateHz = filter == null ? 0 : filter.sampleRateHz();
        this.clock = clock;
        this.threadCpu = threadCpu;
        this.analysis = analysis;
        this.describer = describer;
        this.endSeconds = new HashMap<>(endSeconds);
    }

    private static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** A serializable monotonic clock in nanoseconds (tests step it by hand). */
    @FunctionalInterface
    interface ClockSource extends LongSupplier, java.io.Serializable {
    }

    /** A finished analysis of one stream's window; {@code bandPowerDb} null when the stream has none. */
    private record Analysed(StreamView view, int[] badChannels, double[] bandPowerDb, RuntimeException failure) {
    }

    @Override
    public void open(OpenContext context) {
        streams = new HashMap<>();
        views = new ArrayList<>();
        nextHealthNanos = Long.MAX_VALUE;
        analysed = new ConcurrentLinkedQueue<>();
        described = new ConcurrentLinkedQueue<>();
        budgetOpensNanos = Long.MIN_VALUE;
        turn = null;
        nextTurnSearchNanos = Long.MIN_VALUE;
        if (analysis == Analysis.OWN_THREAD) {
            analyser = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "neurostream-dashboard-analysis");
                t.setDaemon(true);
                return t;
            });
        }
    }

    @Override
    public void close() throws Exception {
        if (analyser != null) {
            analyser.shutdownNow();
        }
        super.close();
    }

    @Override
    public void processElement(StreamData element, Context ctx, Collector<DashboardEvent> out) {
        long now = clock.getAsLong();
        emitAnalysed(out);
        StreamView view = streams.get(element.streamKey());
        if (view == null) {
            view = new StreamView(element, now);
            streams.put(element.streamKey(), view);
            views.add(view);
            nextHealthNanos = Math.min(nextHealthNanos, now + HEALTH_EVERY_NANOS);
            if (element instanceof SampleChunk && describer != null && !endSeconds.containsKey(view.key)) {
                describe(view.key, out);
            }
        }
        boolean endedBefore = view.ended;
        if (view.fast) {
            nextTurn(now);
        }
        if (element instanceof SampleChunk chunk) {
            view.chunk(chunk, now, out);
        } else if (element instanceof Marker marker) {
            view.marker(marker, now);
            out.collect(new DashboardEvent.Cue(marker.streamKey(), marker.timestampSeconds(), marker.value()));
        }
        if (view.ended && !endedBefore) {
            view.reportHealth(now, out); // at once: nothing may follow the recording's last element
        }
        if (now >= nextHealthNanos) { // the streams are gone through once per report, not per element
            long next = Long.MAX_VALUE;
            int fast = 0;
            for (StreamView v : views) {
                if (v.fast && now - v.lastChunkNanos < HEALTH_EVERY_NANOS) {
                    fast++;
                }
                v.maybeReportHealth(now, out);
                next = Math.min(next, v.reportedNanos + HEALTH_EVERY_NANOS);
            }
            nextHealthNanos = next;
            fastStreams = fast;
        }
    }

    /**
     * Above real time, analyses take turns within {@link #ANALYSIS_CPU_FRACTION} of a core: once the budget is open
     * and no stream holds the turn, it goes to the fast stream, still receiving data and due, whose last analysis is
     * the oldest. Only that stream collects a window; it loses the turn when it analyses, slows to real time, or has
     * not collected its window within {@link #TURN_TIMEOUT_NANOS}.
     */
    private void nextTurn(long now) {
        if (turn != null) {
            if (turn.fast && now - turnSinceNanos <= TURN_TIMEOUT_NANOS) {
                return;
            }
            turn.lastAnalysisNanos = now; // to the back of the queue
            turn = null;
        }
        if (now < budgetOpensNanos || now < nextTurnSearchNanos) {
            return;
        }
        nextTurnSearchNanos = now + TURN_SEARCH_EVERY_NANOS;
        StreamView oldest = null;
        for (StreamView v : views) {
            if (v.fast && !v.analysing && !v.ended && now - v.lastChunkNanos < HEALTH_EVERY_NANOS
                    && now - v.lastAnalysisNanos >= BAND_POWER_EVERY_SECONDS * 1e9
                    && (oldest == null || v.lastAnalysisNanos < oldest.lastAnalysisNanos)) {
                oldest = v;
            }
        }
        if (oldest != null) {
            turn = oldest;
            turnSinceNanos = now;
            oldest.windowFilled = 0;
            oldest.windowNext = 0;
        }
    }

    /** Has stream {@code key} described (at once, or on the analysis thread). */
    private void describe(String key, Collector<DashboardEvent> out) {
        Runnable task = () -> {
            try {
                StreamDescription d = describer.describe(key);
                if (d != null) {
                    List<String> labels = new ArrayList<>();
                    for (int c = 0; c < d.channelCount(); c++) {
                        labels.add(d.channelLabel(c));
                    }
                    described.add(new DashboardEvent.Described(key, d.name(), d.type(), d.nominalRateHz(), labels));
                }
            } catch (RuntimeException e) {
                LOG.warn("The dashboard could not describe stream '{}'; it is shown without channel labels.", key, e);
            }
        };
        if (analyser == null) {
            task.run();
            emitAnalysed(out);
            return;
        }
        try {
            analyser.execute(task);
        } catch (RejectedExecutionException closing) {
            // the tap is closing
        }
    }

    /** Sends the descriptions and the results of the analyses that finished since the last element. */
    private void emitAnalysed(Collector<DashboardEvent> out) {
        DashboardEvent.Described d;
        while ((d = described.poll()) != null) {
            out.collect(d);
        }
        Analysed a;
        while ((a = analysed.poll()) != null) {
            a.view().analysing = false;
            if (a.failure() != null) {
                LOG.warn("Dashboard analysis of stream '{}' failed; its band power is not updated.", a.view().key,
                        a.failure());
                continue;
            }
            a.view().badChannels = a.badChannels();
            if (a.bandPowerDb() != null) {
                out.collect(new DashboardEvent.BandPowerDb(a.view().key, bandLowHz, bandHighHz, a.bandPowerDb()));
            }
        }
    }

    /** What the tap keeps of one stream. */
    private final class StreamView {
        private final String key;
        private final int channels;
        private final double rateHz;
        private final long firstNanos;
        private final double firstSeconds;
        private long reportedNanos;
        private long arrivedSinceReport;
        private long gaps;
        private double lastSeconds = Double.NaN;
        private double minLagMs = Double.POSITIVE_INFINITY;
        private double latencyMs = Double.NaN;
        private final double endAtSeconds;
        private boolean ended;
        private long lastFlushNanos;
        /** When the trace last restarted after a jump in the timestamps, ns. */
        private long lastRestartNanos;
        private double tokens = TARGET_POINTS_PER_SECOND * BURST_SECONDS;
        private int baseFactor;
        private long lastAnalysisNanos;
        /** When the last chunk arrived, ns. */
        private long lastChunkNanos;
        /** The window in time order for the analysis (reused: one analysis per stream at a time). */
        private double[] linear;
        /** Signal shown since the last trace message, s (counted in samples, so jumps in the timestamps do not count). */
        private double shownSinceFlushSeconds;
        /** Faster than real time at the last trace message: buckets are strided, the window collected when due. */
        private boolean fast;
        /** The trace has been tuned to a measured speed at least once ({@link #speedSeen}). */
        private boolean retuned;
        // continuous-stream views, created on the first admitted chunk
        private MinMaxDecimator raw;
        private MinMaxDecimator filtered;
        private StreamingSosFilter filter;
        private boolean restartFilter = true;
        private double[] filteredValues = new double[0];
        /**
         * The last second, channel-major with {@link #windowSize} samples per channel; null while the stream is fast
         * and it is not its turn (the tap keeps no second of a fast stream between its analyses, so a replay of many
         * streams does not hold megabytes that every young collection would copy).
         */
        private double[] window;
        private int windowSize;
        private int windowFilled;
        private int windowNext;
        private double sinceBandPower;
        private Welch welch;
        /** An analysis of this stream is on the analysis thread (read and written by the task thread only). */
        private boolean analysing;
        /** The analysis on the analysis thread, or null. */
        private Future<?> pending;
        /** Latest bad channels (set by the task thread when an analysis's result is taken). */
        private int[] badChannels = new int[0];

        StreamView(StreamData first, long now) {
            this.key = first.streamKey();
            this.firstNanos = now;
            this.reportedNanos = now;
            this.lastFlushNanos = now;
            this.lastRestartNanos = now - MIN_FLUSH_MILLIS * 1_000_000L;
            this.lastAnalysisNanos = now - 2 * (long) (BAND_POWER_EVERY_SECONDS * 1e9);
            this.endAtSeconds = endSeconds.getOrDefault(first.streamKey(), Double.NaN);
            this.firstSeconds = first.firstTimestampSeconds();
            if (first instanceof SampleChunk c) {
                this.channels = c.channelCount();
                this.rateHz = c.nominalRateHz();
            } else {
                this.channels = 0;
                this.rateHz = 0;
            }
        }

        void marker(Marker m, long now) {
            arrivedSinceReport++;
            lastSeconds = m.timestampSeconds();
            arrived(now, 1e-6);
        }

        /** Latency of what just arrived, and whether it was the recording's last. */
        private void arrived(long now, double toleranceSeconds) {
            double lagMs = ((now - firstNanos) / 1e6) - (lastSeconds - firstSeconds) * 1e3;
            minLagMs = Math.min(minLagMs, lagMs);
            latencyMs = lagMs - minLagMs;
            ended |= lastSeconds >= endAtSeconds - toleranceSeconds;
        }

        void chunk(SampleChunk chunk, long now, Collector<DashboardEvent> out) {
            int n = chunk.sampleCount();
            if (n == 0) {
                return;
            }
            arrivedSinceReport += n;
            lastChunkNanos = now;
            double first = chunk.firstTimestampSeconds();
            if (rateHz > 0 && !Double.isNaN(lastSeconds) && Math.abs(first - lastSeconds - 1 / rateHz)
                    > 0.5 / rateHz) {
                gaps++; // forward (lost samples) or back (replayed again, clock reset)
            }
            lastSeconds = chunk.lastTimestampSeconds();
            arrived(now, rateHz > 0 ? 0.5 / rateHz : 1e-6);
            if (!(rateHz > 0) || chunk.channelCount() != channels) {
                return; // irregular sample streams are counted in health only
            }
            show(chunk, now, out);
            if (ended) {
                awaitAnalysis(out); // its last band power too: nothing of this stream follows
                raw.closeBucket(); // the recording's tail
                if (filtered != null) {
                    filtered.closeBucket();
                }
                flush(out, now);
            }
        }

        private void show(SampleChunk chunk, long now, Collector<DashboardEvent> out) {
            int n = chunk.sampleCount();
            double first = chunk.firstTimestampSeconds();
            if (raw == null) {
                raw = new MinMaxDecimator(channels, rateHz, TARGET_POINTS_PER_SECOND);
                baseFactor = raw.factor();
                if (filterSections != null && Math.abs(rateHz - filterRateHz) < 1e-9) {
                    filter = new StreamingSosFilter(SosCoefficients.of(sectionsOf(filterSections), filterRateHz),
                            channels);
                    filtered = new MinMaxDecimator(channels, rateHz, TARGET_POINTS_PER_SECOND);
                }
                int windowSamples = (int) Math.round(WINDOW_SECONDS * rateHz);
                windowSize = Math.max(windowSamples, 2);
                int nperseg = Integer.highestOneBit((int) Math.max(2, rateHz / 2));
                // finer bins (longer segments, up to the window) until the band holds two, so the trapezoid over
                // it is not empty (8-13 Hz at 1 kHz: 256-sample segments have one bin in the band, 512 two)
                while (binsInBand(nperseg) < 2 && nperseg * 2 <= windowSamples) {
                    nperseg *= 2;
                }
                if (bandHighHz < rateHz / 2 && nperseg >= 8) {
                    welch = new Welch(WelchParameters.of("hann", nperseg), rateHz);
                }
            }
            double expected = raw.nextSampleSeconds();
            if (!Double.isNaN(expected) && Math.abs(first - expected) > 1.5 / rateHz) {
                if (now - lastRestartNanos < MIN_FLUSH_MILLIS * 1_000_000L) {
                    return; // the trace restarted very recently: this chunk is counted as a gap, not drawn
                }
                // A jump in the timestamps: end the trace segment and restart the filter.
                lastRestartNanos = now;
                flush(out, now);
                // the new segment starts at the base factor: the speed seen across the jump is no speed at all
                raw.reset();
                raw.retune(baseFactor);
                if (filtered != null) {
                    filtered.reset();
                    filtered.retune(baseFactor);
                }
                fast = false;
                restartFilter = true;
                windowFilled = 0;
                windowNext = 0;
            }
            if (!Double.isNaN(expected) || raw.points() > 0) {
                shownSinceFlushSeconds += n / rateHz; // the speed is measured from the first chunk's arrival on
            }
            double[] values = chunk.values();
            raw.add(values, n, first);
            if (filter != null) {
                if (filteredValues.length != values.length) {
                    filteredValues = new double[values.length];
                }
                if (restartFilter) {
                    filter.reset();
                    filter.initializeSteadyState(firstSamples(values, n));
                    restartFilter = false;
                }
                filter.process(values, filteredValues);
                filtered.add(filteredValues, n, first);
            }
            sinceBandPower += n / rateHz;
            boolean wallDue = (double) (now - lastAnalysisNanos) >= BAND_POWER_EVERY_SECONDS * 1e9;
            int size = windowSize;
            if (!fast) {
                if (speedSeen(now)) {
                    remember(values, n);
                }
            } else if (turn == this) {
                collect(values, n); // collect the window only when it is this stream's turn
            } else {
                window = null;
                windowFilled = 0;
                windowNext = 0;
            }
            boolean enough = fast ? windowFilled == size : windowFilled * 2 >= size;
            boolean mayAnalyse = fast ? turn == this : wallDue && !analysing;
            if (sinceBandPower >= BAND_POWER_EVERY_SECONDS && enough && mayAnalyse) {
                sinceBandPower = 0;
                lastAnalysisNanos = now;
                if (fast) {
                    turn = null;
                }
                analyse(out, fast, values, n);
            }
            if (raw.bufferedSeconds() >= BLOCK_SECONDS
                    && ((!fast && burstSinceFlush()) || now - lastFlushNanos >= flushEveryNanos())) {
                flush(out, now);
            }
        }

        /**
         * Whether this stream's speed is known: its trace has been tuned to a measured speed, or {@link
         * #MIN_FLUSH_MILLIS} of wall clock have passed since its first element. Until then its signal is not kept for
         * the analysis (so not analysed): a replay far above real time delivers its first second within a few
         * milliseconds, before the burst that tells its speed, and keeping and analysing it then would fill a
         * one-second ring per stream and run one analysis per stream outside the fast streams' budget at the start
         * of every job. A live stream loses at most the interval's signal from its first window.
         */
        private boolean speedSeen(long now) {
            return retuned || now - firstNanos >= MIN_FLUSH_MILLIS * 1_000_000L;
        }

        /** Frequency bins of a {@code nperseg}-point spectrum within the band. */
        private int binsInBand(int nperseg) {
            double binHz = rateHz / nperseg;
            return (int) Math.floor(bandHighHz / binHz) - (int) Math.ceil(bandLowHz / binHz) + 1;
        }

        private double[] firstSamples(double[] values, int n) {
            double[] x0 = new double[channels];
            for (int c = 0; c < channels; c++) {
                x0[c] = values[c * n];
            }
            return x0;
        }

        /** Keeps the last second in a ring buffer per channel. */
        private void remember(double[] values, int n) {
            int size = windowSize;
            if (window == null) {
                window = new double[channels * size];
                windowFilled = 0;
                windowNext = 0;
            }
            int start = Math.max(0, n - size);
            int count = n - start;
            int first = Math.min(count, size - windowNext); // up to the ring's end, then from its start
            for (int c = 0; c < channels; c++) {
                System.arraycopy(values, c * n + start, window, c * size + windowNext, first);
                System.arraycopy(values, c * n + start + first, window, c * size, count - first);
            }
            windowNext = (windowNext + count) % size;
            windowFilled = Math.min(size, windowFilled + count);
        }

        /**
         * Fills the window from its start up to one second, in time order (a fast stream's turn: the first second
         * from the turn on, analysed as it is, without a copy).
         */
        private void collect(double[] values, int n) {
            int size = windowSize;
            if (window == null) {
                window = new double[channels * size];
                windowFilled = 0;
            }
            int count = Math.min(n, size - windowFilled);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(values, c * n, window, c * size + windowFilled, count);
            }
            windowFilled += count;
            windowNext = windowFilled % size;
        }

        /**
         * Has the window analysed in time order (at once, or on the analysis thread): a fast stream's collected
         * window is handed over as it is, a real-time stream's ring is copied, unless the chunk just remembered
         * ({@code chunkValues}, {@code chunkSamples} per channel) is the whole window by itself: then that chunk is
         * analysed in place (chunks are immutable), without a copy (a replay in one-second chunks). A
         * {@code budgeted} analysis (of a fast stream) closes the budget until its cost allows the next.
         */
        private void analyse(Collector<DashboardEvent> out, boolean budgeted, double[] chunkValues, int chunkSamples) {
            int size = windowSize;
            int n = windowFilled;
            double[] linear;
            if (budgeted && n == size) {
                linear = window; // collected in order; the next turn collects into a new one
                window = null;
                windowFilled = 0;
                windowNext = 0;
            } else if (!budgeted && chunkSamples == size && n == size) {
                linear = chunkValues; // the ring holds exactly this chunk, in order
            } else {
                if (this.linear == null || this.linear.length != channels * n) {
                    this.linear = new double[channels * n];
                }
                linear = this.linear;
                int oldest = (windowNext - n + size) % size;
                int tail = Math.min(n, size - oldest); // from the oldest sample to the ring's end, then its start
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(window, c * size + oldest, linear, c * n, tail);
                    System.arraycopy(window, c * size, linear, c * n + tail, n - tail);
                }
            }
            analysing = true;
            if (budgeted) {
                budgetOpensNanos = Long.MAX_VALUE; // until this analysis has told its cost
            }
            Runnable task = () -> {
                long cpuBefore = threadCpu.getAsLong();
                Analysed result = analysed(linear, n);
                if (budgeted) {
                    long cpuNanos = Math.max(0, threadCpu.getAsLong() - cpuBefore);
                    budgetOpensNanos = clock.getAsLong() + (long) (cpuNanos / ANALYSIS_CPU_FRACTION);
                }
                analysed.add(result);
            };
            if (analyser == null) {
                task.run();
                emitAnalysed(out);
                return;
            }
            try {
                pending = analyser.submit(task);
            } catch (RejectedExecutionException closing) {
                analysing = false; // the tap is closing
                budgetOpensNanos = Long.MIN_VALUE;
            }
        }

        /** Waits (a bounded time) for this stream's analysis on the analysis thread, and sends its result. */
        private void awaitAnalysis(Collector<DashboardEvent> out) {
            if (pending == null || !analysing) {
                return;
            }
            try {
                pending.get(END_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("The last dashboard analysis of stream '{}' did not finish in time.", key, e);
            }
            emitAnalysed(out);
        }

        /** Bad channels and band power of {@code linear} (channel-major, {@code n} samples); any thread. */
        private Analysed analysed(double[] linear, int n) {
            try {
                int[] bad = ChannelQuality.badChannels(linear, channels);
                double[] db = null;
                if (welch != null && welch.segmentCount(n) > 0) {
                    double[] power = BandPower.absolute(welch.psd(linear, channels),
                            new FrequencyBand(bandLowHz, bandHighHz), BandPower.Integration.TRAPEZOID);
                    db = new double[channels];
                    for (int c = 0; c < channels; c++) {
                        db[c] = power[c] > 0 ? 10 * Math.log10(power[c]) : Double.NaN;
                    }
                }
                return new Analysed(this, bad, db, null);
            } catch (RuntimeException e) {
                return new Analysed(this, null, null, e);
            }
        }

        /**
         * Sends the buffered points within the token bucket's budget, then sets the decimation factor and stride for
         * the speed (signal seconds per wall-clock second) seen since the last message.
         */
        private void flush(Collector<DashboardEvent> out, long now) {
            if (raw == null || raw.points() == 0) {
                return;
            }
            double wallSeconds = (now - lastFlushNanos) / 1e9;
            double pointsPerSecond = pointsPerSecond(fast);
            tokens = Math.min(pointsPerSecond * BURST_SECONDS, tokens + pointsPerSecond * wallSeconds);
            MinMaxDecimator.Block r = raw.drain(tokens);
            tokens -= r.points();
            out.collect(new DashboardEvent.Signal(key, r.firstSeconds(), r.rateHz(), channels, r.values(), false,
                    badChannels));
            if (filtered != null && filtered.points() > 0) {
                MinMaxDecimator.Block f = filtered.drain(r.points());
                out.collect(new DashboardEvent.Signal(key, f.firstSeconds(), f.rateHz(), channels, f.values(), true,
                        badChannels));
            }
            // within less than the least interval, the speed is acted on only after a burst; it is then taken from
            // the burst itself (at least 1 ms)
            if (wallSeconds * 1000 >= MIN_FLUSH_MILLIS || burstSinceFlush()) {
                double speed = shownSinceFlushSeconds / Math.max(wallSeconds, 1e-3);
                int multiple = 1;
                // real time within 25 % (arrival jitter) keeps the base factor; faster rounds up to a power of two
                while (speed > (multiple == 1 ? REAL_TIME_TOLERANCE : multiple) && multiple < (1 << 20)) {
                    multiple *= 2;
                }
                int factor = Math.max(baseFactor,
                        (int) Math.ceil(2 * rateHz * multiple / pointsPerSecond(multiple > 1)));
                fast = multiple > 1;
                retuned = true;
                int stride = fast ? Math.max(1, Integer.highestOneBit(factor / LOOKED_AT_PER_BUCKET)) : 1;
                raw.retune(factor, stride);
                if (filtered != null) {
                    filtered.retune(factor, stride);
                }
            }
            lastFlushNanos = now;
            shownSinceFlushSeconds = 0;
        }

        /**
         * Whether the signal shown since the last message, even spread over the least flush interval, would be
         * {@link #EARLY_SPEED} times real time or more.
         */
        private boolean burstSinceFlush() {
            return shownSinceFlushSeconds * 1000 / MIN_FLUSH_MILLIS >= EARLY_SPEED;
        }

        /**
         * Most trace points per channel per wall-clock second: {@link #TARGET_POINTS_PER_SECOND}, or, above real
         * time, this stream's equal share of {@link #FAST_VALUES_PER_SECOND}.
         */
        private double pointsPerSecond(boolean aboveRealTime) {
            if (!aboveRealTime) {
                return TARGET_POINTS_PER_SECOND;
            }
            return Math.max(2, Math.min(TARGET_POINTS_PER_SECOND,
                    FAST_VALUES_PER_SECOND / ((double) Math.max(1, fastStreams) * channels)));
        }

        /** Least wall-clock time between two trace messages, ns: above real time, a share of the messages too. */
        private long flushEveryNanos() {
            long least = MIN_FLUSH_MILLIS * 1_000_000L;
            return fast ? Math.max(least, (long) (Math.max(1, fastStreams) * 1e9 / FAST_MESSAGES_PER_SECOND)) : least;
        }

        void maybeReportHealth(long now, Collector<DashboardEvent> out) {
            long elapsed = now - reportedNanos;
            if (elapsed < HEALTH_EVERY_NANOS) {
                return;
            }
            reportHealth(now, out);
        }

        void reportHealth(long now, Collector<DashboardEvent> out) {
            long elapsed = now - reportedNanos;
            double rate = elapsed > 0 ? arrivedSinceReport / (elapsed / 1e9) : 0;
            out.collect(new DashboardEvent.Health(key, rate, rateHz, channels, gaps, latencyMs, ended));
            reportedNanos = now;
            arrivedSinceReport = 0;
        }
    }

    private static double[][] sectionsOf(double[] flat) {
        double[][] sections = new double[flat.length / 6][6];
        for (int i = 0; i < sections.length; i++) {
            System.arraycopy(flat, i * 6, sections[i], 0, 6);
        }
        return sections;
    }
}
