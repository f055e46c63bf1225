package org.neurostream.streams.lsl;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * An LSL inlet ({@code lsl_inlet}): receives one stream.
 *
 * <p>Pulls write into caller-owned, preallocated arrays, sample-major ({@code data[s * channelCount + c]}) with one
 * timestamp per sample (seconds on the outlet's LSL clock, or on the local clock with
 * {@link LslPostProcessing#CLOCKSYNC}), and return the number of samples written. A pull that times out is not an
 * error: it returns 0 samples (or NaN for {@link #pullSample}). Numeric streams can be pulled as float, double or
 * int (liblsl converts); string streams only as String.
 *
 * <p>Owns its native object: {@link #close()} destroys it and never throws. Not thread-safe: one thread pulls.
 */
public final class LslInlet implements AutoCloseable {
    /** liblsl's default: keep up to 360 s of data when the caller falls behind. */
    public static final int DEFAULT_MAX_BUFFERED_SECONDS = 360;

    private Pointer handle;
    private final String name;
    private final int channelCount;
    private final NativeBuffer data = new NativeBuffer();
    private final NativeBuffer timestamps = new NativeBuffer();
    private final int[] errorCode = new int[1];

    private LslInlet(Pointer handle, String name, int channelCount) {
        this.handle = handle;
        this.name = name;
        this.channelCount = channelCount;
    }

    /** Opens an inlet with 360 s of buffer, the outlet's chunking and recovery on. */
    public static LslInlet open(LslStreamInfo info) {
        return open(info, DEFAULT_MAX_BUFFERED_SECONDS, 0, true);
    }

    /**
     * Creates an inlet for a resolved stream; liblsl copies {@code info}, which stays owned by the caller. The
     * connection is made lazily on the first pull, or explicitly with {@link #openStream(Duration)}.
     *
     * @param maxBufferedSeconds how much data to buffer when the caller falls behind, in seconds (×100 samples for
     *                           irregular streams)
     * @param maxChunkLength     the largest chunk the outlet sends; 0 keeps the outlet's chunking
     * @param recover            reconnect transparently when the outlet restarts (works only for streams with a
     *                           source id); without recovery a lost stream raises {@link LslLostException}
     */
    public static LslInlet open(LslStreamInfo info, int maxBufferedSeconds, int maxChunkLength, boolean recover) {
        Objects.requireNonNull(info, "info");
        if (maxBufferedSeconds < 1 || maxChunkLength < 0) {
            throw new IllegalArgumentException("Inlet for '" + info.name() + "' needs maxBufferedSeconds >= 1 and "
                    + "maxChunkLength >= 0, but got " + maxBufferedSeconds + " and " + maxChunkLength + ".");
        }
        Pointer p = LslApi.lsl_create_inlet(info.handle(), maxBufferedSeconds, maxChunkLength, recover ? 1 : 0);
        if (p == null) {
            throw new LslException("liblsl could not create an inlet for stream '" + info.name() + "'.");
        }
        return new LslInlet(p, info.name(), info.channelCount());
    }

    public int channelCount() {
        return channelCount;
    }

    /** The stream's full info including its XML description; the caller closes it. */
    public LslStreamInfo fullInfo(Duration timeout) {
        Pointer p = LslApi.lsl_get_fullinfo(handle(), Lsl.seconds(timeout), errorCode);
        check("fetching the full info");
        return LslStreamInfo.own(p);
    }

    /** Connects to the outlet and starts buffering; throws {@link LslTimeoutException} if it takes too long. */
    public void openStream(Duration timeout) {
        LslApi.lsl_open_stream(handle(), Lsl.seconds(timeout), errorCode);
        check("opening the stream");
    }

    /** Stops buffering; samples already buffered can still be pulled. */
    public void closeStream() {
        LslApi.lsl_close_stream(handle());
    }

    /**
     * Estimates the offset to add to the stream's timestamps to map them onto the local LSL clock. The first call
     * waits for a few round trips (up to {@code timeout}); later calls return the background estimate at once.
     */
    public LslTimeCorrection timeCorrection(Duration timeout) {
        double[] remote = new double[1];
        double[] uncertainty = new double[1];
        double offset = LslApi.lsl_time_correction_ex(handle(), remote, uncertainty, Lsl.seconds(timeout),
                errorCode);
        check("estimating the time correction");
        return new LslTimeCorrection(offset, remote[0], uncertainty[0]);
    }

    /** Sets timestamp post-processing; an empty set returns timestamps as the outlet sent them. */
    public void setPostProcessing(Set<LslPostProcessing> options) {
        LslErrors.check(LslApi.lsl_set_postprocessing(handle(), LslPostProcessing.flags(options)),
                "setting post-processing " + options + " on stream '" + name + "'");
    }

    /** Samples buffered and ready to pull without blocking (liblsl's estimate). */
    public int samplesAvailable() {
        return LslApi.lsl_samples_available(handle());
    }

    /** True once after the outlet's clock was reset (its host rebooted or the outlet restarted elsewhere). */
    public boolean wasClockReset() {
        return LslApi.lsl_was_clock_reset(handle()) != 0;
    }

    /** Drops all buffered samples and returns how many were dropped. */
    public int flush() {
        return LslApi.lsl_inlet_flush(handle());
    }

    /**
     * Fills {@code data}/{@code timestampsSeconds} until they are full or {@code timeout} passes (liblsl's
     * {@code pull_chunk}); {@link Duration#ZERO} returns what is buffered now.
     *
     * @param timestampsSeconds one slot per sample, or null when timestamps are not wanted
     * @return the number of samples written (0 when nothing arrived in time)
     */
    public int pullChunk(float[] data, double[] timestampsSeconds, Duration timeout) {
        return copyOut(Kind.FLOAT, data, timestampsSeconds,
                pullChunk(Kind.FLOAT, capacity(data.length, timestampsSeconds), timeout));
    }

    /** Like {@link #pullChunk(float[], double[], Duration)} for double values. */
    public int pullChunk(double[] data, double[] timestampsSeconds, Duration timeout) {
        return copyOut(Kind.DOUBLE, data, timestampsSeconds,
                pullChunk(Kind.DOUBLE, capacity(data.length, timestampsSeconds), timeout));
    }

    /** Like {@link #pullChunk(float[], double[], Duration)} for int values. */
    public int pullChunk(int[] data, double[] timestampsSeconds, Duration timeout) {
        return copyOut(Kind.INT, data, timestampsSeconds,
                pullChunk(Kind.INT, capacity(data.length, timestampsSeconds), timeout));
    }

    /** Like {@link #pullChunk(float[], double[], Duration)} for string values. */
    public int pullChunk(String[] data, double[] timestampsSeconds, Duration timeout) {
        return copyOut(Kind.STRING, data, timestampsSeconds,
                pullChunk(Kind.STRING, capacity(data.length, timestampsSeconds), timeout));
    }

    /**
     * Waits up to {@code timeout} for the first sample, then takes every sample already buffered without waiting
     * further, up to the arrays' capacity: the low-latency way to follow a live stream.
     *
     * @return the number of samples written (0 when nothing arrived in time)
     */
    public int pullAvailable(float[] data, double[] timestampsSeconds, Duration timeout) {
        return copyOut(Kind.FLOAT, data, timestampsSeconds,
                pullAvailable(Kind.FLOAT, capacity(data.length, timestampsSeconds), timeout));
    }

    /** Like {@link #pullAvailable(float[], double[], Duration)} for double values. */
    public int pullAvailable(double[] data, double[] timestampsSeconds, Duration timeout) {
        return copyOut(Kind.DOUBLE, data, timestampsSeconds,
                pullAvailable(Kind.DOUBLE, capacity(data.length, timestampsSeconds), timeout));
    }

    /** Like {@link #pullAvailable(float[], double[], Duration)} for string values. */
    public int pullAvailable(String[] data, double[] timestampsSeconds, Duration timeout) {
        return copyOut(Kind.STRING, data, timestampsSeconds,
                pullAvailable(Kind.STRING, capacity(data.length, timestampsSeconds), timeout));
    }

    /** Pulls one sample into {@code sample}; returns its timestamp in seconds, or NaN when none came in time. */
    public double pullSample(float[] sample, Duration timeout) {
        double[] ts = new double[1];
        return pullAvailable(Kind.FLOAT, capacity(sample.length, ts) > 0 ? 1 : 0, timeout) == 0 ? Double.NaN
                : timestampOf(copyOut(Kind.FLOAT, sample, ts, 1), ts);
    }

    /** Pulls one string sample into {@code sample}; returns its timestamp in seconds, or NaN when none came. */
    public double pullSample(String[] sample, Duration timeout) {
        double[] ts = new double[1];
        return pullAvailable(Kind.STRING, capacity(sample.length, ts) > 0 ? 1 : 0, timeout) == 0 ? Double.NaN
                : timestampOf(copyOut(Kind.STRING, sample, ts, 1), ts);
    }

    /** Disconnects and destroys the inlet. Never throws. */
    @Override
    public void close() {
        Pointer p = handle;
        handle = null;
        if (p != null) {
            LslApi.lsl_destroy_inlet(p);
        }
    }

    // --- internals ----------------------------------------------------------------------------------------------

    /** The four pull flavours liblsl offers, with their element size in native memory. */
    private enum Kind {
        FLOAT(Float.BYTES, LslApi::lsl_pull_sample_f, LslApi::lsl_pull_chunk_f),
        DOUBLE(Double.BYTES, LslApi::lsl_pull_sample_d, LslApi::lsl_pull_chunk_d),
        INT(Integer.BYTES, LslApi::lsl_pull_sample_i, LslApi::lsl_pull_chunk_i),
        STRING(Native.POINTER_SIZE, LslApi::lsl_pull_sample_str, LslApi::lsl_pull_chunk_str);

        final int bytes;
        final SamplePull sample;
        final ChunkPull chunk;

        Kind(int bytes, SamplePull sample, ChunkPull chunk) {
            this.bytes = bytes;
            this.sample = sample;
            this.chunk = chunk;
        }
    }

    private interface SamplePull {
        double pull(Pointer inlet, Pointer buffer, int elements, double timeout, int[] ec);
    }

    private interface ChunkPull {
        NativeLong pull(Pointer inlet, Pointer data, Pointer timestamps, NativeLong dataElements,
                        NativeLong timestampElements, double timeout, int[] ec);
    }

    private int capacity(int dataLength, double[] timestampsSeconds) {
        int samples = dataLength / channelCount;
        if (timestampsSeconds != null) {
            samples = Math.min(samples, timestampsSeconds.length);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("Inlet '" + name + "': buffers of " + dataLength + " values"
                    + (timestampsSeconds == null ? "" : " and " + timestampsSeconds.length + " timestamps")
                    + " cannot hold one sample of " + channelCount + " channels.");
        }
        return samples;
    }

    private int pullChunk(Kind kind, int capacity, Duration timeout) {
        Memory d = data.ensure((long) capacity * channelCount * kind.bytes);
        Memory t = timestamps.ensure((long) capacity * Double.BYTES);
        long elements = kind.chunk.pull(handle(), d, t, new NativeLong((long) capacity * channelCount),
                new NativeLong(capacity), Lsl.seconds(timeout), errorCode).longValue();
        check("pulling a chunk");
        return (int) (elements / channelCount);
    }

    private int pullAvailable(Kind kind, int capacity, Duration timeout) {
        Memory d = data.ensure((long) capacity * channelCount * kind.bytes);
        Memory t = timestamps.ensure((long) capacity * Double.BYTES);
        double first = kind.sample.pull(handle(), d, channelCount, Lsl.seconds(timeout), errorCode);
        check("pulling a sample");
        if (first == 0.0) {
            return 0;
        }
        t.setDouble(0, first);
        if (capacity == 1) {
            return 1;
        }
        long rowBytes = (long) channelCount * kind.bytes;
        long elements = kind.chunk.pull(handle(), d.share(rowBytes), t.share(Double.BYTES),
                new NativeLong((long) (capacity - 1) * channelCount), new NativeLong(capacity - 1), 0.0,
                errorCode).longValue();
        check("pulling a chunk");
        return 1 + (int) (elements / channelCount);
    }

    /** Copies {@code samples} pulled samples from native memory into the caller's arrays; returns samples. */
    private int copyOut(Kind kind, Object target, double[] timestampsSeconds, int samples) {
        int n = samples * channelCount;
        Memory d = data.memory();
        switch (kind) {
            case FLOAT -> d.read(0, (float[]) target, 0, n);
            case DOUBLE -> d.read(0, (double[]) target, 0, n);
            case INT -> d.read(0, (int[]) target, 0, n);
            case STRING -> {
                String[] strings = (String[]) target;
                for (int i = 0; i < n; i++) {
                    Pointer s = d.getPointer((long) i * Native.POINTER_SIZE);
                    strings[i] = s == null ? "" : s.getString(0, "UTF-8");
                    if (s != null) {
                        LslApi.lsl_destroy_string(s);
                    }
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (timestampsSeconds != null && samples > 0) {
            timestamps.memory().read(0, timestampsSeconds, 0, samples);
        }
        return samples;
    }

    private static double timestampOf(int samples, double[] ts) {
        return samples == 0 ? Double.NaN : ts[0];
    }

    private void check(String what) {
        int code = errorCode[0];
        errorCode[0] = 0;
        LslErrors.check(code, what + " of stream '" + name + "'");
    }

    private Pointer handle() {
        Pointer p = handle;
        if (p == null) {
            throw new IllegalStateException("The LSL inlet of stream '" + name + "' has been closed.");
        }
        return p;
    }
}
