package org.neurostream.streams.lsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.record.StreamDescription;

/**
 * Publishes each stream of a recording as a live LSL outlet with the recording's metadata and timing, so pipelines
 * can run without a headset.
 *
 * <p><b>Timing.</b> All streams share one time origin, the earliest timestamp in the recording ({@code t0}); a sample
 * recorded at {@code t} is pushed when the LSL clock reaches {@code start + (t - t0) / speed} and carries exactly that
 * timestamp, so relative timing within and across streams is kept (scaled by {@code 1/speed}). With looping, pass
 * {@code k} starts {@code k × (duration + one sample period)} later. Samples are pushed in the order recorded.
 *
 * <p>One thread per stream while {@link #play} runs. {@link #close()} destroys the outlets and never throws.
 */
public final class LslPlayer implements AutoCloseable {
    private static final int MAX_CHUNK_SAMPLES = 256;

    private final List<RecordedStream> streams;
    private final List<LslOutlet> outlets = new ArrayList<>();
    private final double t0;
    private final double loopPeriodSeconds;

    private LslPlayer(List<RecordedStream> streams, String namePrefix) {
        this.streams = streams;
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        double longestPeriod = 0;
        for (RecordedStream s : streams) {
            for (double t : s.timestampsSeconds()) {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
            double rate = s.description().nominalRateHz();
            longestPeriod = Math.max(longestPeriod, rate > 0 ? 1 / rate : 0);
        }
        this.t0 = Double.isInfinite(first) ? 0 : first;
        this.loopPeriodSeconds = Double.isInfinite(first) ? 1 : last - first + Math.max(longestPeriod, 1e-3);
        try {
            for (RecordedStream s : streams) {
                StreamDescription d = s.description();
                // a recorded string stream keeps channel 0 only (see RecordedStream), so it is published with one
                boolean oneChannel = s.isMarkerStream() && d.channelCount() != 1;
                StreamDescription published = new StreamDescription(d.streamKey(), namePrefix + d.name(), d.type(),
                        d.sourceId().isEmpty() ? "" : namePrefix + d.sourceId(), oneChannel ? 1 : d.channelCount(),
                        d.nominalRateHz(), d.valueFormat(), oneChannel ? List.of() : d.channels());
                try (LslStreamInfo info = LslStreamInfo.fromDescription(published)) {
                    outlets.add(LslOutlet.create(info));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Creates one outlet per stream of {@code recording}; {@code namePrefix} is prepended to every stream name and
     * non-empty source id (empty for the recording's own names).
     */
    public static LslPlayer open(Recording recording, String namePrefix) {
        Objects.requireNonNull(recording, "recording");
        return new LslPlayer(recording.streams(), Objects.requireNonNull(namePrefix, "namePrefix"));
    }

    /** Seconds from the first to the last sample plus one sample period: the length of one pass at speed 1. */
    public double passSeconds() {
        return loopPeriodSeconds;
    }

    /** Waits until every outlet has a consumer, at most {@code timeout} in total; true when all have one. */
    public boolean waitForConsumers(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (LslOutlet outlet : outlets) {
            if (!outlet.waitForConsumers(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Plays the recording and returns when it is done (or {@code stop} says so, checked between chunks).
     *
     * @param speed how much faster than recorded, greater than 0 (1 = original timing)
     * @param loop  start over at the end until stopped
     */
    public void play(double speed, boolean loop, BooleanSupplier stop) throws InterruptedException {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("Invalid value for 'speed': it must be > 0, but got " + speed + ".");
        }
        double start = Lsl.localClock() + 0.05;
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            RecordedStream stream = streams.get(i);
            LslOutlet outlet = outlets.get(i);
            Thread t = new Thread(() -> {
                try {
                    for (int pass = 0; !stop.getAsBoolean(); pass++) {
                        playPass(stream, outlet, start + pass * loopPeriodSeconds / speed, speed, stop);
                        if (!loop) {
                            break;
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "lsl-play-" + stream.description().name());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void playPass(RecordedStream stream, LslOutlet outlet, double passStart, double speed,
                          BooleanSupplier stop) {
        double[] ts = stream.timestampsSeconds();
        int total = ts.length;
        int channels = outlet.channelCount();
        double[] chunkValues = stream.isMarkerStream() ? null : new double[MAX_CHUNK_SAMPLES * channels];
        double[] chunkTs = new double[MAX_CHUNK_SAMPLES];
        int next = 0;
        while (next < total && !stop.getAsBoolean()) {
            double now = Lsl.localClock();
            double due = passStart + (ts[next] - t0) / speed;
            if (due > now) {
                LockSupport.parkNanos((long) Math.min((due - now) * 1e9, 50e6));
                continue;
            }
            int end = next;
            while (end < total && end - next < MAX_CHUNK_SAMPLES && passStart + (ts[end] - t0) / speed <= now) {
                chunkTs[end - next] = passStart + (ts[end] - t0) / speed;
                end++;
            }
            int n = end - next;
            if (stream.isMarkerStream()) {
                String[] markers = java.util.Arrays.copyOfRange(stream.strings(), next, end);
                outlet.pushChunk(markers, n, chunkTs);
            } else {
                LslChunks.toSampleMajor(stream.values(), total, channels, next, n, chunkValues);
                outlet.pushChunk(chunkValues, n, chunkTs);
            }
            next = end;
        }
    }

    /** Destroys the outlets (the streams disappear from the network). Never throws. */
    @Override
    public void close() {
        outlets.forEach(LslOutlet::close);
    }
}
