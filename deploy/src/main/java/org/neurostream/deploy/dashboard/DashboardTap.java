package org.neurostream.deploy.dashboard;

import java.util.HashMap;
import java.util.Map;
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

/**
 * Turns a job's signal chunks and markers into the small {@link DashboardEvent}s the dashboard shows, next to the job
 * (chained to the operator that produces the data, so full chunks are never serialized for the dashboard).
 *
 * <p>Per stream:
 * <ul>
 *   <li><b>admission</b>: a chunk is shown only while the stream's shown signal time is at most
 *       {@value #BURST_SECONDS} s ahead of the wall-clock time since its first chunk. A live or real-time replay is shown
 *       whole; a replay running faster than real time is shown in samples, with gaps, instead of flooding the page.
 *       Everything else below works on admitted chunks only, so the tap costs next to nothing per skipped chunk;</li>
 *   <li><b>traces</b>: {@link MinMaxDecimator} to at most {@link #TARGET_POINTS_PER_SECOND} points per channel per
 *       second, sent every {@value #BLOCK_SECONDS} s of signal (≈10 messages/s per stream), raw and, when the job
 *       has a band-pass, filtered with the same causal design ({@link StreamingSosFilter});</li>
 *   <li><b>band power</b> every {@value #BAND_POWER_EVERY_SECONDS} s: Welch ({@code bci/spectral}, Hann segments of
 *       the largest power of two ≤ fs/2, half overlap) over the last second per channel, integrated over the band
 *       (trapezoid), in dB;</li>
 *   <li><b>bad channels</b> over the same second ({@link ChannelQuality});</li>
 *   <li><b>health</b> once per wall-clock second from every chunk, admitted or not: arrival rate, gaps, and
 *       latency as the growth of the stream's lag (wall-clock time since its first element minus stream time since
 *       then) over the smallest lag seen: 0 while data arrives on schedule, rising when the job falls behind.</li>
 * </ul>
 * Markers always pass. The tap's buffers are per task and not checkpointed: after a restore the dashboard starts its
 * views afresh, which loses nothing the job needs.
 */
public final class DashboardTap extends ProcessFunction<StreamData, DashboardEvent> {
    private static final long serialVersionUID = 1L;

    /** Most points per channel per second of signal after decimation. */
    public static final double TARGET_POINTS_PER_SECOND = 250;
    /** Signal seconds per trace message. */
    static final double BLOCK_SECONDS = 0.1;
    /** How far the shown signal time may run ahead of the wall clock, s. */
    static final double BURST_SECONDS = 1.0;
    /** Band power and bad channels are recomputed after this much new signal, s. */
    static final double BAND_POWER_EVERY_SECONDS = 0.5;
    /** Window of band power and bad channels, s. */
    static final double WINDOW_SECONDS = 1.0;
    private static final long HEALTH_EVERY_NANOS = 1_000_000_000L;

    private final double bandLowHz;
    private final double bandHighHz;
    /** The job's causal band-pass as second-order sections (null: no filtered view). */
    private final double[] filterSections;
    private final double filterRateHz;
    private final ClockSource clock;

    private transient Map<String, StreamView> streams;

    /**
     * @param bandLowHz    lower edge of the band-power band, Hz
     * @param bandHighHz   upper edge, Hz
     * @param filter       the job's causal band-pass, applied to streams of its rate for the filtered traces; null
     *                     for none
     */
    public DashboardTap(double bandLowHz, double bandHighHz, SosCoefficients filter) {
        this(bandLowHz, bandHighHz, filter, System::nanoTime);
    }

    DashboardTap(double bandLowHz, double bandHighHz, SosCoefficients filter, ClockSource clock) {
        new FrequencyBand(bandLowHz, bandHighHz); // validates the band here, not on the cluster
        this.bandLowHz = bandLowHz;
        this.bandHighHz = bandHighHz;
        this.filterSections = filter == null ? null : filter.coefficients().clone();
        this.filterRateHz = filter == null ? 0 : filter.sampleRateHz();
        this.clock = clock;
    }

    /** A serializable monotonic clock in nanoseconds (tests step it by hand). */
    @FunctionalInterface
    interface ClockSource extends LongSupplier, java.io.Serializable {
    }

    @Override
    public void open(OpenContext context) {
        streams = new HashMap<>();
    }

    @Override
    public void processElement(StreamData element, Context ctx, Collector<DashboardEvent> out) {
        long now = clock.getAsLong();
        StreamView view = streams.get(element.streamKey());
        if (view == null) {
            view = new StreamView(element, now);
            streams.put(element.streamKey(), view);
        }
        if (element instanceof SampleChunk chunk) {
            view.chunk(chunk, now, out);
        } else if (element instanceof Marker marker) {
            view.marker(marker, now);
            out.collect(new DashboardEvent.Cue(marker.streamKey(), marker.timestampSeconds(), marker.value()));
        }
        for (StreamView v : streams.values()) {
            v.maybeReportHealth(now, out);
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
        private double admittedSeconds;
        // continuous-stream views, created on the first admitted chunk
        private MinMaxDecimator raw;
        private MinMaxDecimator filtered;
        private StreamingSosFilter filter;
        private double[] window;
        private int windowFilled;
        private int windowNext;
        private double sinceBandPower;
        private Welch welch;
        private int[] badChannels = new int[0];

        StreamView(StreamData first, long now) {
            this.key = first.streamKey();
            this.firstNanos = now;
            this.reportedNanos = now;
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
        }

        void chunk(SampleChunk chunk, long now, Collector<DashboardEvent> out) {
            int n = chunk.sampleCount();
            if (n == 0) {
                return;
            }
            arrivedSinceReport += n;
            double first = chunk.firstTimestampSeconds();
            if (rateHz > 0 && !Double.isNaN(lastSeconds) && first - lastSeconds > 1.5 / rateHz) {
                gaps++;
            }
            lastSeconds = chunk.lastTimestampSeconds();
            if (!(rateHz > 0) || chunk.channelCount() != channels) {
                return; // irregular sample streams are counted in health only
            }
            double duration = n / rateHz;
            double wallSeconds = (now - firstNanos) / 1e9;
            if (admittedSeconds > wallSeconds + BURST_SECONDS) {
                return;
            }
            admittedSeconds += duration;
            show(chunk, out);
        }

        private void show(SampleChunk chunk, Collector<DashboardEvent> out) {
            int n = chunk.sampleCount();
            double first = chunk.firstTimestampSeconds();
            if (raw == null) {
                raw = new MinMaxDecimator(channels, rateHz, TARGET_POINTS_PER_SECOND);
                if (filterSections != null && Math.abs(rateHz - filterRateHz) < 1e-9) {
                    filter = new StreamingSosFilter(SosCoefficients.of(sectionsOf(filterSections), filterRateHz),
                            channels);
                    filtered = new MinMaxDecimator(channels, rateHz, TARGET_POINTS_PER_SECOND);
                }
                int windowSamples = (int) Math.round(WINDOW_SECONDS * rateHz);
                window = new double[channels * Math.max(windowSamples, 2)];
                int nperseg = Integer.highestOneBit((int) Math.max(2, rateHz / 2));
                if (bandHighHz < rateHz / 2 && nperseg >= 8) {
                    welch = new Welch(WelchParameters.of("hann", nperseg), rateHz);
                }
            }
            double expected = raw.nextSampleSeconds();
            if (!Double.isNaN(expected) && Math.abs(first - expected) > 1.5 / rateHz) {
                // A gap (skipped chunks or lost samples): end the trace segment and restart the filter.
                flush(out, true);
                raw.reset();
                if (filtered != null) {
                    filtered.reset();
                    filter.reset();
                }
                windowFilled = 0;
                windowNext = 0;
            }
            double[] values = chunk.values();
            raw.add(values, n, first);
            if (filter != null) {
                double[] f = new double[values.length];
                if (Double.isNaN(expected) || filtered.points() == 0 && windowFilled == 0) {
                    filter.initializeSteadyState(firstSamples(values, n));
                }
                filter.process(values, f);
                filtered.add(f, n, first);
            }
            remember(values, n);
            sinceBandPower += n / rateHz;
            if (sinceBandPower >= BAND_POWER_EVERY_SECONDS && windowFilled * 2 >= window.length / channels) {
                sinceBandPower = 0;
                analyseWindow(out);
            }
            if (raw.bufferedSeconds() >= BLOCK_SECONDS) {
                flush(out, false);
            }
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
            int size = window.length / channels;
            int start = Math.max(0, n - size);
            for (int s = start; s < n; s++) {
                for (int c = 0; c < channels; c++) {
                    window[c * size + windowNext] = values[c * n + s];
                }
                windowNext = (windowNext + 1) % size;
            }
            windowFilled = Math.min(size, windowFilled + (n - start));
        }

        private void analyseWindow(Collector<DashboardEvent> out) {
            int size = window.length / channels;
            int n = windowFilled;
            double[] linear = new double[channels * n];
            int oldest = (windowNext - n + size) % size;
            for (int c = 0; c < channels; c++) {
                for (int s = 0; s < n; s++) {
                    linear[c * n + s] = window[c * size + (oldest + s) % size];
                }
            }
            badChannels = ChannelQuality.badChannels(linear, channels);
            if (welch != null && welch.segmentCount(n) > 0) {
                double[] power = BandPower.absolute(welch.psd(linear, channels), new FrequencyBand(bandLowHz,
                        bandHighHz), BandPower.Integration.TRAPEZOID);
                double[] db = new double[channels];
                for (int c = 0; c < channels; c++) {
                    db[c] = power[c] > 0 ? 10 * Math.log10(power[c]) : Double.NaN;
                }
                out.collect(new DashboardEvent.BandPowerDb(key, bandLowHz, bandHighHz, db));
            }
        }

        private void flush(Collector<DashboardEvent> out, boolean force) {
            if (raw == null || raw.points() == 0) {
                return;
            }
            double t0 = raw.firstSeconds();
            out.collect(new DashboardEvent.Signal(key, t0, raw.outputRateHz(), channels, raw.drain(), false,
                    badChannels));
            if (filtered != null && filtered.points() > 0) {
                double ft0 = filtered.firstSeconds();
                out.collect(new DashboardEvent.Signal(key, ft0, filtered.outputRateHz(), channels, filtered.drain(),
                        true, badChannels));
            }
        }

        void maybeReportHealth(long now, Collector<DashboardEvent> out) {
            long elapsed = now - reportedNanos;
            if (elapsed < HEALTH_EVERY_NANOS) {
                return;
            }
            double rate = arrivedSinceReport / (elapsed / 1e9);
            double latencyMs = Double.NaN;
            if (!Double.isNaN(lastSeconds)) {
                double lagMs = ((now - firstNanos) / 1e6) - (lastSeconds - firstSeconds) * 1e3;
                minLagMs = Math.min(minLagMs, lagMs);
                latencyMs = lagMs - minLagMs;
            }
            out.collect(new DashboardEvent.Health(key, rate, rateHz, channels, gaps, latencyMs));
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
