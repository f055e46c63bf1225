package org.neurostream.streams.flink.lsl;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;
import org.neurostream.streams.lsl.LslStreamKey;
import org.neurostream.streams.record.StreamDescription;

/**
 * One live LSL stream, the unit the {@link LslSource} assigns to a reader. Immutable.
 *
 * <p>The split id is the stream key ({@link LslStreamKey}): source id, name and type, or name, type and host for streams
 * without a source id, so a restarted outlet maps to the same split. The description carries what the stream
 * declared when it was discovered (channel labels, units and types included).
 *
 * @param description the stream as discovered; its {@code streamKey} is this split's id
 * @param hostname    the host its outlet ran on when discovered
 */
public record LslSplit(StreamDescription description, String hostname) implements SourceSplit {
    public LslSplit {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(hostname, "hostname");
    }

    @Override
    public String splitId() {
        return description.streamKey();
    }

    /** The XPath predicate that finds this stream again (see {@link LslStreamKey#predicate}). */
    public String predicate() {
        return LslStreamKey.predicate(description.sourceId(), description.name(), description.type(), hostname);
    }
}
