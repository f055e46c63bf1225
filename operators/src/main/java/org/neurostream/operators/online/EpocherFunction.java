package org.neurostream.operators.online;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neurostream.bci.epoch.EpochParameters;
import org.neurostream.streams.flink.EventTime;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts trials out of each key's filtered signal around cue markers, in event time.
 *
 * <p>A cue is a marker whose text is one of the class names. Its window holds the samples at offsets
 * {@code round(tmin·fs) .. round(tmax·fs)} from the sample nearest the cue, as MNE's {@code Epochs}. Markers may
 * arrive before, among or after the samples they refer to: samples wait in keyed state ({@link BufferedChunk}) and a
 * pending cue is cut as soon as its own session's signal has reached its window's end (each stream's samples come in
 * timestamp order, so no earlier sample of that session can still come). That is per-session event time: the job-wide
 * watermark is the latest sample of any stream, and with several concurrent sessions a session that is a chunk behind
 * another would see its windows closed before their last samples arrived. The watermark still drives what needs the
 * whole job's progress: an event-time timer at a cue's window end plus the allowed lateness drops a cue whose session
 * never delivers the window (and the end of the input drops what is still pending), and samples are retained until
 * the watermark is {@code allowedLatenessSeconds} past the windows that could need them. A cue that arrives after its
 * window's samples (late) is cut at once from the retained samples. Cues too late even for that, and windows with
 * missing samples, are logged and counted ({@code trialsDroppedLate}, {@code trialsDroppedIncomplete}), never dropped
 * silently.
 *
 * <p>The epoch has the channels of the chunks it is cut from: C for the band-passed signal, 2C when the filter adapts
 * the channel gains and sends the signal followed by its gain-adapted copy ({@link StreamingFilterFunction}). A window
 * that straddles chunks of C channels retained from state written without gain adaptation (a restore into a run that
 * adapts them) and chunks of 2C takes the C-channel samples for both halves: the gains start at 1 anyway.
 */
public final class EpocherFunction extends KeyedProcessFunction<String, StreamData, TrialEpoch> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EpocherFunction.class);

    private final List<String> classNames;
    private final double sampleRateHz;
    private final int firstOffset;
    private final int lastOffset;
    private final double allowedLatenessSeconds;
    private final SessionKeySelector sessions;
    private final double replaySpeed;

    /** Per key: each key's replay reader paces on its own origin (with parallelism above 1 readers start apart). */
    private transient Map<String, PacedDueTimes> dueTimesByKey;
    private transient ListState<BufferedChunk> chunks;
    private transient ListState<Marker> pending;
    private transient Counter droppedLate;
    private transient Counter droppedIncomplete;

    /**
     * @param classNames cue marker texts that start a trial
     * @param window the epoch window relative to the cue
     * @param sampleRateHz the signal's rate
     * @param allowedLatenessSeconds how long after its window's end a cue may still arrive
     * @param sessions tells the session of each element (cues are cut from their own session's samples)
     * @param replaySpeed the pace of the replay feeding the job (1 = real time), or {@link Double#POSITIVE_INFINITY}
     *     for live (LSL) or unpaced input: a trial's latency starts when the chunk holding its window's last sample
     *     was due ({@link PacedDueTimes}), for a paced replay its scheduled time, otherwise its arrival
     */
    public EpocherFunction(List<String> classNames, EpochParameters window, double sampleRateHz,
            double allowedLatenessSeconds, SessionKeySelector sessions, double replaySpeed) {
        this.classNames = List.copyOf(classNames);
        this.sampleRateHz = sampleRateHz;
        this.firstOffset = window.firstOffset(sampleRateHz);
        this.lastOffset = window.lastOffset(sampleRateHz);
        this.allowedLatenessSeconds = allowedLatenessSeconds;
        this.sessions = sessions;
        this.replaySpeed = replaySpeed;
        new PacedDueTimes(replaySpeed); // checks the speed where the job is built, not when it runs
    }

    @Override
    public void open(OpenContext openContext) {
        dueTimesByKey = new HashMap<>();
        chunks = getRuntimeContext().getListState(new ListStateDescriptor<>("epocher-samples",
                OnlineTypes.BUFFERED_CHUNK));
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("epocher-cues", NeurostreamTypes.MARKER));
        droppedLate = getRuntimeContext().getMetricGroup().counter("trialsDroppedLate");
        droppedIncomplete = getRuntimeContext().getMetricGroup().counter("trialsDroppedIncomplete");
    }

    private PacedDueTimes dueTimes(String key) {
        return dueTimesByKey.computeIfAbsent(key, k -> new PacedDueTimes(replaySpeed));
    }

    private double windowEndSeconds(Marker cue) {
        return cue.timestampSeconds() + lastOffset / sampleRateHz;
    }

    private double windowStartSeconds(Marker cue) {
        return cue.timestampSeconds() + firstOffset / sampleRateHz;
    }

    @Override
    public void processElement(StreamData element, Context ctx, Collector<TrialEpoch> out) throws Exception {
        if (element instanceof SampleChunk chunk) {
            long arrival = nowMicros();
            dueTimes(ctx.getCurrentKey()).observe(arrival, chunk.lastTimestampSeconds());
            chunks.add(new BufferedChunk(chunk, arrival));
            // A housekeeping timer per whole second of event time lets old samples go even when no cue comes.
            ctx.timerService().registerEventTimeTimer((EventTime.toMillis(chunk.lastTimestampSeconds()) / 1000 + 1)
                    * 1000);
            cutCompleted(sessions.sessionOf(chunk), chunk.lastTimestampSeconds(), ctx.getCurrentKey(), out);
            return;
        }
        Marker marker = (Marker) element;
        if (!classNames.contains(marker.value().trim())) {
            return;
        }
        String session = sessions.sessionOf(marker);
        long giveUpMillis = EventTime.toMillis(windowEndSeconds(marker) + allowedLatenessSeconds);
        if (signalEndSeconds(session) < windowEndSeconds(marker) - 0.5 / sampleRateHz
                && giveUpMillis > ctx.timerService().currentWatermark()) {
            pending.add(marker);
            ctx.timerService().registerEventTimeTimer(giveUpMillis);
            return;
        }
        // Late (or just in time): the window's samples are all here already, if they are still retained.
        if (!cut(marker, session, ctx.getCurrentKey(), out)) {
            droppedLate.inc();
            LOG.warn("Key {}: cue '{}' at {} s of '{}' arrived after its window ended and its samples were no longer "
                    + "retained (allowed lateness {} s); the trial is dropped.", ctx.getCurrentKey(), marker.value(),
                    marker.timestampSeconds(), marker.streamKey(), allowedLatenessSeconds);
        }
    }

    /** Cuts the pending cues of {@code session} whose windows end by {@code signalEndSeconds}. */
    private void cutCompleted(String session, double signalEndSeconds, String key, Collector<TrialEpoch> out)
            throws Exception {
        List<Marker> waiting = new ArrayList<>();
        List<Marker> due = new ArrayList<>();
        for (Marker m : pending.get()) {
            boolean complete = sessions.sessionOf(m).equals(session)
                    && windowEndSeconds(m) - 0.5 / sampleRateHz <= signalEndSeconds;
            (complete ? due : waiting).add(m);
        }
        if (due.isEmpty()) {
            return;
        }
        cutOrDrop(due, key, out, "is missing samples");
        pending.update(waiting);
    }

    private void cutOrDrop(List<Marker> due, String key, Collector<TrialEpoch> out, String problem)
            throws Exception {
        due.sort((a, b) -> Double.compare(a.timestampSeconds(), b.timestampSeconds()));
        for (Marker m : due) {
            if (!cut(m, sessions.sessionOf(m), key, out)) {
                droppedIncomplete.inc();
                LOG.warn("Key {}: the window {}..{} s of cue '{}' at {} s of '{}' {}; the trial is dropped.", key,
                        windowStartSeconds(m), windowEndSeconds(m), m.value(), m.timestampSeconds(), m.streamKey(),
                        problem);
            }
        }
    }

    /** The timestamp of the latest retained sample of {@code session}, or -infinity. */
    private double signalEndSeconds(String session) throws Exception {
        double end = Double.NEGATIVE_INFINITY;
        for (BufferedChunk b : chunks.get()) {
            if (b.chunk().lastTimestampSeconds() > end && sessions.sessionOf(b.chunk()).equals(session)) {
                end = b.chunk().lastTimestampSeconds();
            }
        }
        return end;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrialEpoch> out) throws Exception {
        // Cues whose session has not delivered their window by the window's end plus the allowed lateness (in the
        // job's event time) are given up; so is everything still pending at the end of the input.
        List<Marker> waiting = new ArrayList<>();
        List<Marker> due = new ArrayList<>();
        for (Marker m : pending.get()) {
            (EventTime.toMillis(windowEndSeconds(m) + allowedLatenessSeconds) <= timestamp ? due : waiting).add(m);
        }
        if (!due.isEmpty()) {
            cutOrDrop(due, ctx.getCurrentKey(), out, "did not arrive within the allowed lateness of "
                    + allowedLatenessSeconds + " s after the window's end");
            pending.update(waiting);
        }
        prune(timestamp / 1000.0, waiting);
    }

    /** Drops chunks that no pending cue and no cue within the allowed lateness can need any more. */
    private void prune(double watermarkSeconds, List<Marker> waiting) throws Exception {
        double keepFrom = watermarkSeconds - (lastOffset - Math.min(firstOffset, 0)) / sampleRateHz
                - allowedLatenessSeconds;
        for (Marker m : waiting) {
            keepFrom = Math.min(keepFrom, windowStartSeconds(m));
        }
        List<BufferedChunk> kept = new ArrayList<>();
        boolean dropped = false;
        for (BufferedChunk b : chunks.get()) {
            if (b.chunk().lastTimestampSeconds() < keepFrom - 0.5 / sampleRateHz) {
                dropped = true;
            } else {
                kept.add(b);
            }
        }
        if (dropped) {
            chunks.update(kept);
        }
    }

    /** Cuts and emits the window of {@code cue}; false when the retained samples do not cover it. */
    private boolean cut(Marker cue, String session, String key, Collector<TrialEpoch> out) throws Exception {
        List<BufferedChunk> buffered = new ArrayList<>();
        for (BufferedChunk b : chunks.get()) {
            buffered.add(b);
        }
        buffered.sort((a, b) -> Double.compare(a.chunk().firstTimestampSeconds(), b.chunk().firstTimestampSeconds()));
        int n = lastOffset - firstOffset + 1;
        double halfSample = 0.5 / sampleRateHz;
        double start = windowStartSeconds(cue) - halfSample;
        int channels = -1;
        double[][] columns = new double[n][];
        int taken = 0;
        long arrival = 0;
        long due = 0;
        double previous = Double.NaN;
        for (BufferedChunk b : buffered) {
            SampleChunk c = b.chunk();
            // A key's state may hold samples of several recordings (sessions) of its subject; cut from the cue's own.
            if (c.lastTimestampSeconds() < start || !sessions.sessionOf(c).equals(session)) {
                continue;
            }
            channels = Math.max(channels, c.channelCount());
            for (int s = 0; s < c.sampleCount() && taken < n; s++) {
                double t = c.timestampSeconds(s);
                if (t < start) {
                    continue;
                }
                if (taken == 0 && t > start + 2 * halfSample) {
                    return false;
                }
                if (taken > 0 && t - previous > 3 * halfSample) {
                    return false;
                }
                double[] col = new double[c.channelCount()];
                for (int ch = 0; ch < col.length; ch++) {
                    col[ch] = c.value(ch, s);
                }
                columns[taken++] = col;
                previous = t;
                arrival = b.arrivalMicros();
                due = dueTimes(key).dueMicros(arrival, c.lastTimestampSeconds());
            }
            if (taken == n) {
                break;
            }
        }
        if (taken < n) {
            return false;
        }
        double[] data = new double[channels * n];
        for (int s = 0; s < n; s++) {
            double[] col = columns[s];
            if (col.length != channels && 2 * col.length != channels) {
                throw new IllegalStateException("Key " + key + ": the window of cue '" + cue.value() + "' at "
                        + cue.timestampSeconds() + " s of '" + session + "' holds chunks of " + col.length + " and "
                        + channels + " channels.");
            }
            for (int ch = 0; ch < channels; ch++) {
                // A chunk of the signal alone within a window of signal + gain-adapted copy: both halves are it.
                data[ch * n + s] = col[ch % col.length];
            }
        }
        out.collect(new TrialEpoch(key, session, cue.value().trim(),
                cue.timestampSeconds(), channels, data, arrival, due));
        return true;
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
