package org.neurostream.streams.lsl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.neurostream.streams.format.xdf.XdfWriter;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records live LSL streams to an XDF file the way LabRecorder does: timestamps exactly as the outlets sent them (no
 * post-processing), plus a ClockOffset chunk per stream when it connects, every {@value #CLOCK_OFFSET_INTERVAL_SECONDS}
 * s and at the end, so that readers (pyxdf, {@code XdfReader}) map every stream onto the recorder's clock.
 *
 * <p>One thread per stream pulls chunks into the shared (synchronized) {@link XdfWriter}. {@link #close()} stops
 * pulling, drains what liblsl has buffered, writes the stream footers and closes the file; it is safe to call from a
 * shutdown hook. A failure on a stream thread is rethrown by {@code close()}.
 */
public final class LslRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LslRecorder.class);
    /** LabRecorder's interval between clock-offset measurements. */
    public static final int CLOCK_OFFSET_INTERVAL_SECONDS = 5;
    private static final int CHUNK_SAMPLES = 1024;

    private final XdfWriter writer;
    private final List<StreamRecording> streams = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;
    private boolean closed;

    private LslRecorder(XdfWriter writer) {
        this.writer = writer;
    }

    /**
     * Resolves the streams matching each predicate (waiting {@code resolveWait} for all of them to answer), opens
     * an inlet per stream, writes the stream headers and starts recording.
     *
     * @param predicates XPath predicates such as {@code "type='EEG'"}; each must match at least one stream
     * @throws IllegalArgumentException naming a predicate that matched nothing
     */
    public static LslRecorder start(List<String> predicates, Path out, Duration resolveWait) throws IOException {
        Map<String, LslStreamInfo> found = new LinkedHashMap<>();
        try {
            for (String predicate : predicates) {
                List<LslStreamInfo> matches = Lsl.resolveByPredicate(predicate, Integer.MAX_VALUE, resolveWait);
                if (matches.isEmpty()) {
                    throw new IllegalArgumentException("No LSL stream matches \"" + predicate + "\" (waited "
                            + resolveWait.toMillis() / 1000.0 + " s). Run `neurostream streams` to list them.");
                }
                for (LslStreamInfo info : matches) {
                    LslStreamInfo previous = found.putIfAbsent(LslStreamKey.of(info), info);
                    if (previous != null) {
                        info.close();
                    }
                }
            }
            LslRecorder recorder = new LslRecorder(XdfWriter.open(out));
            try {
                for (Map.Entry<String, LslStreamInfo> e : found.entrySet()) {
                    recorder.add(e.getKey(), e.getValue(), resolveWait);
                }
            } catch (IOException | RuntimeException e) {
                recorder.abort();
                throw e;
            }
            recorder.streams.forEach(StreamRecording::start);
            return recorder;
        } finally {
            found.values().forEach(LslStreamInfo::close);
        }
    }

    private void add(String key, LslStreamInfo info, Duration timeout) throws IOException {
        LslInlet inlet = LslInlet.open(info, LslInlet.DEFAULT_MAX_BUFFERED_SECONDS, 0, true);
        try {
            StreamDescription description;
            try (LslStreamInfo full = inlet.fullInfo(timeout)) {
                description = full.toDescription(key);
            }
            inlet.openStream(timeout);
            long id = writer.addStream(description, "");
            streams.add(new StreamRecording(description, id, inlet));
            LOG.info("Recording LSL stream {} ({} channels at {} Hz, {}).", key, description.channelCount(),
                    description.nominalRateHz(), description.valueFormat().xdfName());
        } catch (IOException | RuntimeException e) {
            inlet.close();
            throw e;
        }
    }

    /** The streams being recorded, in file order. */
    public List<StreamDescription> streams() {
        return streams.stream().map(s -> s.description).toList();
    }

    /** Samples written so far, summed over all streams. */
    public long samplesRecorded() {
        return streams.stream().mapToLong(s -> s.samples.get()).sum();
    }

    /** The file being written. */
    public Path file() {
        return writer.file();
    }

    /** Stops recording, drains buffered samples, writes the footers and closes the file. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        for (StreamRecording s : streams) {
            s.join();
        }
        streams.forEach(s -> s.inlet.close());
        writer.close();
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t != null) {
            throw new IOException("Recording to " + writer.file() + " failed: " + t.getMessage(), t);
        }
    }

    private void abort() {
        closed = true;
        streams.forEach(s -> s.inlet.close());
        try {
            writer.close();
        } catch (IOException e) {
            LOG.warn("Closing {} after a failed start failed too: {}", writer.file(), e.getMessage());
        }
    }

    /** One stream's inlet and the thread that records it. */
    private final class StreamRecording implements Runnable {
        final StreamDescription description;
        final long id;
        final LslInlet inlet;
        final AtomicLong samples = new AtomicLong();
        final Thread thread;

        StreamRecording(StreamDescription description, long id, LslInlet inlet) {
            this.description = description;
            this.id = id;
            this.inlet = inlet;
            this.thread = new Thread(this, "lsl-record-" + description.name());
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            int channels = description.channelCount();
            boolean numeric = description.valueFormat().isNumeric();
            double[] values = numeric ? new double[CHUNK_SAMPLES * channels] : null;
            String[] strings = numeric ? null : new String[CHUNK_SAMPLES * channels];
            double[] ts = new double[CHUNK_SAMPLES];
            try {
                writeClockOffset(Duration.ofSeconds(2));
                double nextOffset = Lsl.localClock() + CLOCK_OFFSET_INTERVAL_SECONDS;
                boolean draining = false;
                while (true) {
                    Duration wait = draining ? Duration.ZERO : Duration.ofMillis(100);
                    int n;
                    try {
                        n = numeric ? inlet.pullAvailable(values, ts, wait) : inlet.pullAvailable(strings, ts, wait);
                    } catch (LslLostException e) {
                        // an outlet without a source id cannot be recovered: its stream ends here, the file goes on
                        LOG.warn("LSL stream {} ended: its outlet closed and cannot be recovered ({}).",
                                description.streamKey(), e.getMessage());
                        return;
                    }
                    if (n > 0) {
                        write(n, values, strings, ts, channels);
                    } else if (draining) {
                        break;
                    }
                    if (stopping && !draining) {
                        draining = true;
                    }
                    if (Lsl.localClock() >= nextOffset) {
                        writeClockOffset(Duration.ZERO);
                        nextOffset += CLOCK_OFFSET_INTERVAL_SECONDS;
                    }
                }
                writeClockOffset(Duration.ZERO);
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
                LOG.error("Recording LSL stream {} failed: {}", description.streamKey(), e.getMessage(), e);
            }
        }

        private void write(int n, double[] values, String[] strings, double[] ts, int channels) throws IOException {
            if (values != null) {
                writer.writeSamples(id, SampleChunk.withTimestamps(description.streamKey(), channels,
                        LslChunks.toChannelMajor(values, n, channels), Arrays.copyOf(ts, n),
                        description.nominalRateHz()));
            } else {
                List<Marker> markers = new ArrayList<>(n);
                for (int s = 0; s < n; s++) {
                    markers.add(Marker.of(description.streamKey(), ts[s], strings[s * channels]));
                }
                writer.writeMarkers(id, markers);
            }
            samples.addAndGet(n);
        }

        private void writeClockOffset(Duration timeout) throws IOException {
            try {
                LslTimeCorrection c = inlet.timeCorrection(timeout.isZero() ? Duration.ofMillis(500) : timeout);
                // as LabRecorder: the collection time is "now" on the stream's clock. (The estimate's own remote
                // time repeats while liblsl has no newer one, and repeated times defeat readers' linear fits.)
                writer.writeClockOffset(id, Lsl.localClock() - c.offsetSeconds(), c.offsetSeconds());
            } catch (LslTimeoutException e) {
                LOG.warn("No clock offset for LSL stream {} this time ({}).", description.streamKey(),
                        e.getMessage());
            }
        }
    }
}
