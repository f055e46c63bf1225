package org.neurostream.streams.record;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;

/**
 * What a stream is: the fields of an LSL stream info / XDF stream header that every consumer needs.
 *
 * @param streamKey     identifies the stream inside a job, unique across all sources (for a file:
 *                      {@code <file name>#<stream id>}; for LSL: the source id or uid)
 * @param name          the stream's name, for example {@code openvibeSignal}
 * @param type          the content type, for example {@code EEG} or {@code Markers}
 * @param sourceId      the device's unique source id; empty when the source declared none
 * @param channelCount  number of channels, at least 1
 * @param nominalRateHz the declared sampling rate in Hz; 0 for irregular streams (markers)
 * @param valueFormat   the type of each channel value
 * @param channels      per-channel metadata: either empty (none declared) or exactly {@code channelCount} entries
 */
@TypeInfo(NeurostreamTypes.StreamDescriptionFactory.class)
public record StreamDescription(
        String streamKey,
        String name,
        String type,
        String sourceId,
        int channelCount,
        double nominalRateHz,
        ValueFormat valueFormat,
        List<ChannelInfo> channels) {

    /** Nominal rate of an irregular stream (markers, events), as in LSL's {@code IRREGULAR_RATE}. */
    public static final double IRREGULAR_RATE = 0.0;

    public StreamDescription {
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(valueFormat, "valueFormat");
        if (channelCount < 1) {
            throw new IllegalArgumentException(
                    "Stream '" + streamKey + "' has channelCount " + channelCount + "; it must be at least 1.");
        }
        if (!(nominalRateHz >= 0) || Double.isInfinite(nominalRateHz)) {
            throw new IllegalArgumentException("Stream '" + streamKey + "' has nominalRateHz " + nominalRateHz
                    + "; it must be finite and >= 0 (0 means irregular).");
        }
        channels = List.copyOf(channels);
        if (!channels.isEmpty() && channels.size() != channelCount) {
            throw new IllegalArgumentException("Stream '" + streamKey + "' declares " + channelCount
                    + " channels but describes " + channels.size() + ".");
        }
    }

    /** True for streams with no nominal rate (marker and event streams). */
    public boolean isIrregular() {
        return nominalRateHz == IRREGULAR_RATE;
    }

    /** The label of channel {@code index}, or {@code ch<index+1>} when the stream declared none. */
    public String channelLabel(int index) {
        Objects.checkIndex(index, channelCount);
        return channels.isEmpty() ? "ch" + (index + 1) : channels.get(index).label();
    }
}
