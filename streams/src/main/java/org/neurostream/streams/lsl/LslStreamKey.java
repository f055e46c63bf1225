package org.neurostream.streams.lsl;

import java.util.Objects;

/**
 * How neurostream names a live LSL stream inside a job or a recording ({@code StreamDescription#streamKey()}), and how
 * it finds the same stream again after its outlet restarts.
 *
 * <p>A stream with a source id is identified by source id, name and type ({@code "<source_id>#<name>#<type>"}):
 * liblsl recovers such streams, and the triple survives restarts and host changes. The type is part of it because
 * devices publish several streams under one source id and name (a Muse headband: EEG, PPG, ACC and GYRO, all named
 * {@code Muse}). A stream without a source id can only be told apart by name, type and host
 * ({@code "<name>@<hostname>#<type>"}).
 */
public final class LslStreamKey {
    private LslStreamKey() {
    }

    /** The key of a resolved stream. */
    public static String of(LslStreamInfo info) {
        return of(info.sourceId(), info.name(), info.type(), info.hostname());
    }

    /** The key of a stream with these properties. */
    public static String of(String sourceId, String name, String type, String hostname) {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(name, "name");
        return sourceId.isEmpty() ? name + "@" + hostname + "#" + type : sourceId + "#" + name + "#" + type;
    }

    /** An XPath predicate that matches exactly the stream(s) with this identity. */
    public static String predicate(String sourceId, String name, String type, String hostname) {
        return sourceId.isEmpty()
                ? "name=" + literal(name) + " and type=" + literal(type) + " and hostname=" + literal(hostname)
                : "source_id=" + literal(sourceId) + " and name=" + literal(name) + " and type=" + literal(type);
    }

    /** An XPath 1.0 string literal for {@code s} (XPath 1.0 has no escapes: pick the quote {@code s} lacks). */
    public static String literal(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        if (!s.contains("\"")) {
            return "\"" + s + "\"";
        }
        throw new IllegalArgumentException("Cannot match stream property " + s
                + " by predicate: it contains both quote characters.");
    }
}
