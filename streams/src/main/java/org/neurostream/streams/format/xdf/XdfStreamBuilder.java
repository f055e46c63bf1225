package org.neurostream.streams.format.xdf;

import java.util.ArrayList;
import java.util.List;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;
import org.w3c.dom.Element;

/**
 * What {@link XdfReader} collects about one stream while it walks the chunks: the parsed header, the decoded
 * timestamps, where each Samples chunk's sample data lies ({@link XdfSampleBlocks}; values are decoded in a second
 * pass straight into the final channel-major array, or per slice by {@link XdfRecordingHandle}), string values,
 * clock offsets and the footer. Mutable, confined to one read.
 */
final class XdfStreamBuilder {
    final long streamId;
    final StreamDescription description;
    final String headerXml;
    final Element headerInfo;
    /** Nominal sample interval in seconds for omitted timestamps (pyxdf's {@code tdiff}); 0 for irregular streams. */
    final double sampleIntervalSeconds;
    /** Bytes of one numeric sample's values ({@code channels × bytes per value}); unused for string streams. */
    final long sampleValueBytes;

    /** The last timestamp read or deduced, for omitted timestamps; pyxdf starts it at 0. */
    double lastTimestampSeconds;
    final GrowableDoubles timestamps = new GrowableDoubles(16);
    /** Numeric streams: where the samples of each Samples chunk lie, in blocks. */
    final XdfSampleBlocks blocks = new XdfSampleBlocks();
    /** String streams: the value of channel 0 of every sample. */
    final List<String> strings;
    final GrowableDoubles clockTimes = new GrowableDoubles(8);
    final GrowableDoubles clockValues = new GrowableDoubles(8);
    String footerXml = "";
    Element footerInfo;

    XdfStreamBuilder(long streamId, StreamDescription description, String headerXml, Element headerInfo) {
        this.streamId = streamId;
        this.description = description;
        this.headerXml = headerXml;
        this.headerInfo = headerInfo;
        double rate = description.nominalRateHz();
        this.sampleIntervalSeconds = rate > 0 ? 1.0 / rate : 0.0;
        ValueFormat format = description.valueFormat();
        this.sampleValueBytes = format.isNumeric() ? (long) description.channelCount() * format.bytesPerValue() : 0;
        this.strings = format.isNumeric() ? null : new ArrayList<>();
    }

    boolean isNumeric() {
        return strings == null;
    }

    String label() {
        return "stream " + streamId + " ('" + description.name() + "')";
    }

    /** pyxdf's {@code _stream_can_drop_samples}: {@code desc/synchronization/can_drop_samples} is {@code true}. */
    boolean canDropSamples() {
        Element sync = XdfXml.child(XdfXml.child(headerInfo, "desc"), "synchronization");
        Element canDrop = XdfXml.child(sync, "can_drop_samples");
        return canDrop != null && !XdfXml.hasChildElements(canDrop)
                && canDrop.getTextContent().toLowerCase(java.util.Locale.ROOT).equals("true");
    }
}
