package org.neurostream.streams.lsl;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Entry point of the liblsl binding: library and protocol version, the LSL clock, and one-shot stream resolution.
 *
 * <p>Every blocking call takes a {@link Duration} timeout; {@link #FOREVER} is liblsl's {@code LSL_FOREVER} (about a
 * year) and {@link Duration#ZERO} returns only what is already known. Streams returned by the resolve methods are
 * owned by the caller: close each {@link LslStreamInfo} (or hand it to {@link LslInlet#open} and then close it).
 *
 * <p>The native library is loaded on first use; see {@link #libraryLocation()} for where it is looked for.
 */
public final class Lsl {
    /** liblsl's {@code LSL_FOREVER}: 32,000,000 s, a timeout that never expires in practice. */
    public static final Duration FOREVER = Duration.ofSeconds(32_000_000);

    /** The upper bound on streams one resolve call returns. */
    public static final int MAX_RESOLVED_STREAMS = 1024;

    private Lsl() {
    }

    /** liblsl's version as major × 100 + minor, for example 116 for 1.16. */
    public static int libraryVersion() {
        LslApi.require();
        return LslApi.lsl_library_version();
    }

    /** The LSL protocol version as major × 100 + minor, for example 110 for 1.10. */
    public static int protocolVersion() {
        LslApi.require();
        return LslApi.lsl_protocol_version();
    }

    /** liblsl's build description (version, git revision, build type). */
    public static String libraryInfo() {
        LslApi.require();
        return LslApi.lsl_library_info();
    }

    /** The native library loaded and why it was chosen, for example {@code "/repo/.neurostream/lib/liblsl.so"}. */
    public static String libraryLocation() {
        LslLibraryLocator.Location location = LslApi.require();
        return location.library() + " (" + location.origin() + ")";
    }

    /**
     * The LSL clock in seconds: a monotonic clock shared by every LSL program on this machine (not wall-clock time),
     * the clock all LSL timestamps are on.
     */
    public static double localClock() {
        LslApi.require();
        return LslApi.lsl_local_clock();
    }

    /** All streams on the network, waiting {@code waitTime} for answers. */
    public static List<LslStreamInfo> resolveAll(Duration waitTime) {
        LslApi.require();
        return resolve((buf, n) -> LslApi.lsl_resolve_all(buf, n, seconds(waitTime)), "resolving all streams");
    }

    /**
     * Streams whose {@code property} equals {@code value}, for example {@code ("type", "EEG")}. Returns as soon as
     * {@code minimum} streams were found, or after {@code timeout} with what was found (possibly none).
     *
     * @param property one of {@code name}, {@code type}, {@code channel_count}, {@code nominal_srate},
     *                 {@code channel_format}, {@code source_id}, {@code hostname}, {@code session_id}, {@code uid}
     */
    public static List<LslStreamInfo> resolveByProperty(String property, String value, int minimum,
                                                        Duration timeout) {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        LslApi.require();
        return resolve((buf, n) -> LslApi.lsl_resolve_byprop(buf, n, property, value, minimum, seconds(timeout)),
                "resolving streams with " + property + "='" + value + "'");
    }

    /**
     * Streams matching an XPath 1.0 predicate over the stream info XML, for example
     * {@code "type='EEG' and starts-with(name,'Bio')"}. Returns as soon as {@code minimum} streams were found, or
     * after {@code timeout} with what was found (possibly none).
     */
    public static List<LslStreamInfo> resolveByPredicate(String predicate, int minimum, Duration timeout) {
        Objects.requireNonNull(predicate, "predicate");
        LslApi.require();
        return resolve((buf, n) -> LslApi.lsl_resolve_bypred(buf, n, predicate, minimum, seconds(timeout)),
                "resolving streams matching \"" + predicate + "\"");
    }

    interface ResolveCall {
        int call(Pointer buffer, int bufferElements);
    }

    /** Runs a resolve-style call that fills a buffer of stream info handles and wraps the results. */
    static List<LslStreamInfo> resolve(ResolveCall call, String context) {
        Memory buffer = new Memory((long) MAX_RESOLVED_STREAMS * Native.POINTER_SIZE);
        buffer.clear();
        int found = call.call(buffer, MAX_RESOLVED_STREAMS);
        LslErrors.check(found, context);
        List<LslStreamInfo> streams = new ArrayList<>(found);
        for (int i = 0; i < Math.min(found, MAX_RESOLVED_STREAMS); i++) {
            streams.add(LslStreamInfo.own(buffer.getPointer((long) i * Native.POINTER_SIZE)));
        }
        return streams;
    }

    /** A timeout in liblsl's unit (seconds); negative durations are rejected. */
    static double seconds(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("Invalid timeout " + timeout + "; it must be >= 0 (Duration.ZERO "
                    + "returns immediately, Lsl.FOREVER never times out).");
        }
        return timeout.compareTo(FOREVER) >= 0 ? 32_000_000.0 : timeout.toNanos() / 1e9;
    }
}
