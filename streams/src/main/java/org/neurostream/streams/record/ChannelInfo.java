package org.neurostream.streams.record;

import java.util.Objects;

/**
 * Metadata of one channel, from the {@code <desc><channels>} element of an LSL/XDF stream header or an EDF signal
 * header.
 *
 * @param label channel name, for example {@code C3}; never null, may be empty when the source gives none
 * @param unit  physical unit, for example {@code microvolts} or {@code uV}; empty when unknown
 * @param type  channel type, for example {@code EEG}, {@code EOG}, {@code Markers}; empty when unknown
 */
public record ChannelInfo(String label, String unit, String type) {
    public ChannelInfo {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(type, "type");
    }

    public static ChannelInfo of(String label) {
        return new ChannelInfo(label, "", "");
    }
}
