package org.neurostream.streams.lsl;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.time.Duration;
import java.util.Objects;

/**
 * An LSL outlet ({@code lsl_outlet}): publishes one stream on the network.
 *
 * <p>Samples are pushed in chunks, sample-major as liblsl expects them ({@code data[s * channelCount + c]}), with
 * either one timestamp per sample or one timestamp for the chunk, which liblsl assigns to the <em>last</em> sample
 * (earlier samples are spaced back by the nominal rate). Timestamps are seconds on the LSL clock
 * ({@link Lsl#localClock()}); 0 means "now". Every push is sent immediately (push-through), for low latency.
 *
 * <p>Owns its native object: {@link #close()} destroys it and never throws. Not thread-safe: it reuses native
 * buffers between pushes.
 */
public final class LslOutlet implements AutoCloseable {
    private Pointer handle;
    private final String name;
    private final int channelCount;
    private final NativeBuffer data = new NativeBuffer();
    private final NativeBuffer timestamps = new NativeBuffer();

    private LslOutlet(Pointer handle, String name, int channelCount) {
        this.handle = handle;
        this.name = name;
        this.channelCount = channelCount;
    }

    /** Opens an outlet for {@code info} with liblsl's defaults (chunking as pushed, 360 s of buffer). */
    public static LslOutlet create(LslStreamInfo info) {
        return create(info, 0, 360);
    }

    /**
     * Opens an outlet; liblsl copies {@code info}, which stays owned by the caller.
     *
     * @param chunkSize          samples per network chunk; 0 sends chunks as they are pushed
     * @param maxBufferedSeconds how much data to keep for slow consumers, in seconds (×100 samples for irregular
     *                           streams)
     */
    public static LslOutlet create(LslStreamInfo info, int chunkSize, int maxBufferedSeconds) {
        Objects.requireNonNull(info, "info");
        if (chunkSize < 0 || maxBufferedSeconds < 1) {
            throw new IllegalArgumentException("Outlet '" + info.name() + "' needs chunkSize >= 0 and "
                    + "maxBufferedSeconds >= 1, but got " + chunkSize + " and " + maxBufferedSeconds + ".");
        }
        Pointer p = LslApi.lsl_create_outlet(info.handle(), chunkSize, maxBufferedSeconds);
        if (p == null) {
            throw new LslException("liblsl could not create an outlet for stream '" + info.name() + "'.");
        }
        return new LslOutlet(p, info.name(), info.channelCount());
    }

    public int channelCount() {
        return channelCount;
    }

    /** A copy of the outlet's stream info (with uid, hostname and session id filled in); close it after use. */
    public LslStreamInfo info() {
        return LslStreamInfo.own(LslApi.lsl_get_info(handle()));
    }

    /** Pushes {@code sampleCount} samples of {@code data} (sample-major), one timestamp per sample in seconds. */
    public void pushChunk(float[] sampleMajor, int sampleCount, double[] timestampsSeconds) {
        int n = elements(sampleMajor.length, sampleCount, timestampsSeconds);
        data.ensure((long) n * Float.BYTES).write(0, sampleMajor, 0, n);
        check(LslApi.lsl_push_chunk_ftnp(handle(), data.memory(), new NativeLong(n), stamps(timestampsSeconds,
                sampleCount), 1));
    }

    /** Pushes {@code sampleCount} samples; {@code lastTimestampSeconds} is the last sample's time (0 = now). */
    public void pushChunk(float[] sampleMajor, int sampleCount, double lastTimestampSeconds) {
        int n = elements(sampleMajor.length, sampleCount, null);
        data.ensure((long) n * Float.BYTES).write(0, sampleMajor, 0, n);
        check(LslApi.lsl_push_chunk_ftp(handle(), data.memory(), new NativeLong(n), lastTimestampSeconds, 1));
    }

    /** Pushes {@code sampleCount} samples of {@code data} (sample-major), one timestamp per sample in seconds. */
    public void pushChunk(double[] sampleMajor, int sampleCount, double[] timestampsSeconds) {
        int n = elements(sampleMajor.length, sampleCount, timestampsSeconds);
        data.ensure((long) n * Double.BYTES).write(0, sampleMajor, 0, n);
        check(LslApi.lsl_push_chunk_dtnp(handle(), data.memory(), new NativeLong(n), stamps(timestampsSeconds,
                sampleCount), 1));
    }

    /** Pushes {@code sampleCount} samples; {@code lastTimestampSeconds} is the last sample's time (0 = now). */
    public void pushChunk(double[] sampleMajor, int sampleCount, double lastTimestampSeconds) {
        int n = elements(sampleMajor.length, sampleCount, null);
        data.ensure((long) n * Double.BYTES).write(0, sampleMajor, 0, n);
        check(LslApi.lsl_push_chunk_dtp(handle(), data.memory(), new NativeLong(n), lastTimestampSeconds, 1));
    }

    /** Pushes {@code sampleCount} samples of {@code data} (sample-major), one timestamp per sample in seconds. */
    public void pushChunk(int[] sampleMajor, int sampleCount, double[] timestampsSeconds) {
        int n = elements(sampleMajor.length, sampleCount, timestampsSeconds);
        data.ensure((long) n * Integer.BYTES).write(0, sampleMajor, 0, n);
        check(LslApi.lsl_push_chunk_itnp(handle(), data.memory(), new NativeLong(n), stamps(timestampsSeconds,
                sampleCount), 1));
    }

    /** Pushes {@code sampleCount} samples; {@code lastTimestampSeconds} is the last sample's time (0 = now). */
    public void pushChunk(int[] sampleMajor, int sampleCount, double lastTimestampSeconds) {
        int n = elements(sampleMajor.length, sampleCount, null);
        data.ensure((long) n * Integer.BYTES).write(0, sampleMajor, 0, n);
        check(LslApi.lsl_push_chunk_itp(handle(), data.memory(), new NativeLong(n), lastTimestampSeconds, 1));
    }

    /** Pushes {@code sampleCount} string samples (markers), one timestamp per sample in seconds. */
    public void pushChunk(String[] sampleMajor, int sampleCount, double[] timestampsSeconds) {
        int n = elements(sampleMajor.length, sampleCount, timestampsSeconds);
        StringArray strings = strings(sampleMajor, n);
        check(LslApi.lsl_push_chunk_strtnp(handle(), strings, new NativeLong(n), stamps(timestampsSeconds,
                sampleCount), 1));
    }

    /** Pushes {@code sampleCount} string samples; {@code lastTimestampSeconds} is the last sample's time. */
    public void pushChunk(String[] sampleMajor, int sampleCount, double lastTimestampSeconds) {
        int n = elements(sampleMajor.length, sampleCount, null);
        StringArray strings = strings(sampleMajor, n);
        check(LslApi.lsl_push_chunk_strtp(handle(), strings, new NativeLong(n), lastTimestampSeconds, 1));
    }

    /** Pushes one string sample (one value per channel) at {@code timestampSeconds} (0 = now). */
    public void pushSample(String[] sample, double timestampSeconds) {
        pushChunk(sample, 1, new double[] {timestampSeconds});
    }

    /** True when at least one inlet is connected. */
    public boolean haveConsumers() {
        return LslApi.lsl_have_consumers(handle()) != 0;
    }

    /** Waits until an inlet connects or the timeout passes; true when one did. */
    public boolean waitForConsumers(Duration timeout) {
        return LslApi.lsl_wait_for_consumers(handle(), Lsl.seconds(timeout)) != 0;
    }

    /** Destroys the outlet (the stream disappears from the network). Never throws. */
    @Override
    public void close() {
        Pointer p = handle;
        handle = null;
        if (p != null) {
            LslApi.lsl_destroy_outlet(p);
        }
    }

    private Pointer handle() {
        Pointer p = handle;
        if (p == null) {
            throw new IllegalStateException("The LSL outlet of stream '" + name + "' has been closed.");
        }
        return p;
    }

    private int elements(int arrayLength, int sampleCount, double[] timestampsSeconds) {
        long n = (long) sampleCount * channelCount;
        if (sampleCount < 0 || n > arrayLength) {
            throw new IllegalArgumentException("Outlet '" + name + "': cannot push " + sampleCount + " samples of "
                    + channelCount + " channels from an array of " + arrayLength + " values.");
        }
        if (timestampsSeconds != null && timestampsSeconds.length < sampleCount) {
            throw new IllegalArgumentException("Outlet '" + name + "': " + sampleCount + " samples but only "
                    + timestampsSeconds.length + " timestamps.");
        }
        return (int) n;
    }

    private Pointer stamps(double[] timestampsSeconds, int sampleCount) {
        Memory m = timestamps.ensure((long) Math.max(1, sampleCount) * Double.BYTES);
        m.write(0, timestampsSeconds, 0, sampleCount);
        return m;
    }

    private static StringArray strings(String[] values, int n) {
        String[] first = n == values.length ? values : java.util.Arrays.copyOf(values, n);
        for (int i = 0; i < n; i++) {
            if (first[i] == null) {
                throw new IllegalArgumentException("String sample value " + i + " is null.");
            }
        }
        return new StringArray(first, "UTF-8");
    }

    private void check(int code) {
        LslErrors.check(code, "pushing to outlet '" + name + "'");
    }
}
