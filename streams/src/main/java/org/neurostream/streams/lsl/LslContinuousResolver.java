package org.neurostream.streams.lsl;

import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Keeps an up-to-date list of matching streams in the background ({@code lsl_continuous_resolver}); cheap to query
 * repeatedly, for example to notice streams that appear or disappear.
 *
 * <p>Owns its native object: {@link #close()} destroys it and never throws.
 */
public final class LslContinuousResolver implements AutoCloseable {
    private Pointer handle;
    private final String query;

    private LslContinuousResolver(Pointer handle, String query) {
        if (handle == null) {
            throw new LslException("liblsl could not create a continuous resolver for " + query + ".");
        }
        this.handle = handle;
        this.query = query;
    }

    /** Follows every stream; a stream is dropped {@code forgetAfter} after it stopped answering. */
    public static LslContinuousResolver all(Duration forgetAfter) {
        LslApi.require();
        return new LslContinuousResolver(LslApi.lsl_create_continuous_resolver(Lsl.seconds(forgetAfter)),
                "all streams");
    }

    /** Follows streams whose {@code property} equals {@code value} (see {@link Lsl#resolveByProperty}). */
    public static LslContinuousResolver byProperty(String property, String value, Duration forgetAfter) {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        LslApi.require();
        return new LslContinuousResolver(LslApi.lsl_create_continuous_resolver_byprop(property, value,
                Lsl.seconds(forgetAfter)), "streams with " + property + "='" + value + "'");
    }

    /** Follows streams matching an XPath predicate (see {@link Lsl#resolveByPredicate}). */
    public static LslContinuousResolver byPredicate(String predicate, Duration forgetAfter) {
        Objects.requireNonNull(predicate, "predicate");
        LslApi.require();
        return new LslContinuousResolver(LslApi.lsl_create_continuous_resolver_bypred(predicate,
                Lsl.seconds(forgetAfter)), "streams matching \"" + predicate + "\"");
    }

    /** The streams currently known, without blocking; each must be closed by the caller. */
    public List<LslStreamInfo> results() {
        Pointer p = handle;
        if (p == null) {
            throw new IllegalStateException("The continuous resolver for " + query + " has been closed.");
        }
        return Lsl.resolve((buf, n) -> LslApi.lsl_resolver_results(p, buf, n), "listing " + query);
    }

    /** Stops resolving and destroys the resolver. Never throws. */
    @Override
    public void close() {
        Pointer p = handle;
        handle = null;
        if (p != null) {
            LslApi.lsl_destroy_continuous_resolver(p);
        }
    }
}
