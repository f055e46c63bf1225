package org.neurostream.streams.lsl;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * An LSL stream info ({@code lsl_streaminfo}): the stream's name, type, channel count, nominal rate, value format,
 * source id and an XML description ({@link #desc()}) holding per-channel metadata and anything else the device
 * declares.
 *
 * <p>Owns its native object: {@link #close()} destroys it (and never throws). Not thread-safe.
 */
public final class LslStreamInfo implements AutoCloseable {
    private Pointer handle;

    private LslStreamInfo(Pointer handle) {
        this.handle = handle;
    }

    /** Takes ownership of a handle liblsl returned; null means liblsl could not create it. */
    static LslStreamInfo own(Pointer handle) {
        if (handle == null) {
            throw new LslException("liblsl returned no stream info.");
        }
        return new LslStreamInfo(handle);
    }

    /**
     * Creates a stream info for an outlet.
     *
     * @param name          the stream name, for example {@code BioSemi}; not empty
     * @param type          the content type, for example {@code EEG} or {@code Markers}
     * @param channelCount  values per sample, at least 1
     * @param nominalRateHz samples per second, or 0 ({@link StreamDescription#IRREGULAR_RATE}) for markers
     * @param format        the value format on the wire
     * @param sourceId      a unique id of the data source (device serial number); lets inlets recover the stream
     *                      after the outlet restarts. Empty when there is none.
     */
    public static LslStreamInfo create(String name, String type, int channelCount, double nominalRateHz,
                                       ValueFormat format, String sourceId) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sourceId, "sourceId");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("An LSL stream needs a non-empty name.");
        }
        if (channelCount < 1) {
            throw new IllegalArgumentException("Stream '" + name + "' has channelCount " + channelCount
                    + "; it must be at least 1.");
        }
        if (!(nominalRateHz >= 0) || Double.isInfinite(nominalRateHz)) {
            throw new IllegalArgumentException("Stream '" + name + "' has nominalRateHz " + nominalRateHz
                    + "; it must be finite and >= 0 (0 means irregular).");
        }
        LslApi.require();
        Pointer p = LslApi.lsl_create_streaminfo(name, type, channelCount, nominalRateHz, formatCode(format),
                sourceId);
        if (p == null) {
            throw new LslException("liblsl could not create stream info '" + name + "'.");
        }
        return new LslStreamInfo(p);
    }

    /**
     * Creates a stream info from a description, with its channel metadata (labels, units, types) in
     * {@code desc/channels}.
     */
    public static LslStreamInfo fromDescription(StreamDescription description) {
        LslStreamInfo info = create(description.name(), description.type(), description.channelCount(),
                description.nominalRateHz(), description.valueFormat(), description.sourceId());
        if (!description.channels().isEmpty()) {
            info.appendChannels(description.channels());
        }
        return info;
    }

    /**
     * Parses the XML form of a stream info as an outlet or a resolver produced it ({@link #xml()}; liblsl requires
     * the {@code uid} field that only outlets assign).
     *
     * @throws IllegalArgumentException naming liblsl's objection, for text that is not such a document
     */
    public static LslStreamInfo fromXml(String xml) {
        Objects.requireNonNull(xml, "xml");
        LslApi.require();
        Pointer p = LslApi.lsl_streaminfo_from_xml(xml);
        String excerpt = xml.length() > 80 ? xml.substring(0, 80) + "…" : xml;
        if (p == null) {
            throw new IllegalArgumentException("Not an LSL stream info XML document: " + excerpt);
        }
        LslStreamInfo info = new LslStreamInfo(p);
        String name = info.name();
        // liblsl does not fail here: it returns an info whose name reports the problem
        if (name != null && name.startsWith("(invalid:")) {
            info.close();
            throw new IllegalArgumentException("Not a valid LSL stream info XML document " + name.substring(1,
                    name.length() - 1).replace("invalid:", "(liblsl:") + "): " + excerpt);
        }
        return info;
    }

    /** An independent copy that must be closed separately. */
    public LslStreamInfo copy() {
        return own(LslApi.lsl_copy_streaminfo(handle()));
    }

    public String name() {
        return LslApi.lsl_get_name(handle());
    }

    public String type() {
        return LslApi.lsl_get_type(handle());
    }

    public int channelCount() {
        return LslApi.lsl_get_channel_count(handle());
    }

    /** Samples per second, or 0 for irregular streams. */
    public double nominalRateHz() {
        return LslApi.lsl_get_nominal_srate(handle());
    }

    public ValueFormat valueFormat() {
        int code = LslApi.lsl_get_channel_format(handle());
        return switch (code) {
            case 1 -> ValueFormat.FLOAT32;
            case 2 -> ValueFormat.DOUBLE64;
            case 3 -> ValueFormat.STRING;
            case 4 -> ValueFormat.INT32;
            case 5 -> ValueFormat.INT16;
            case 6 -> ValueFormat.INT8;
            case 7 -> ValueFormat.INT64;
            default -> throw new LslException("Stream '" + name() + "' has channel format code " + code
                    + ", which neurostream does not support (undefined or unknown).");
        };
    }

    /** The source id, or an empty string when the outlet declared none. */
    public String sourceId() {
        return nonNull(LslApi.lsl_get_source_id(handle()));
    }

    /** The host the outlet runs on (filled in by resolution; empty for a locally created info). */
    public String hostname() {
        return nonNull(LslApi.lsl_get_hostname(handle()));
    }

    /** The unique id of this outlet instance; changes when the outlet restarts. */
    public String uid() {
        return nonNull(LslApi.lsl_get_uid(handle()));
    }

    public String sessionId() {
        return nonNull(LslApi.lsl_get_session_id(handle()));
    }

    /** When the outlet was created, in seconds on the outlet's LSL clock (0 for a locally created info). */
    public double createdAtSeconds() {
        return LslApi.lsl_get_created_at(handle());
    }

    /** The protocol version the outlet speaks (major × 100 + minor). */
    public int protocolVersion() {
        return LslApi.lsl_get_version(handle());
    }

    /** The whole stream info as XML, as XDF stores it in stream headers. */
    public String xml() {
        Pointer p = LslApi.lsl_get_xml(handle());
        if (p == null) {
            throw new LslException("liblsl could not render stream info '" + name() + "' as XML.");
        }
        try {
            return p.getString(0, "UTF-8");
        } finally {
            LslApi.lsl_destroy_string(p);
        }
    }

    /** The extended description ({@code <desc>}), editable until the info is handed to an outlet. */
    public LslXmlElement desc() {
        return new LslXmlElement(this, LslApi.lsl_get_desc(handle()));
    }

    /**
     * Appends {@code <channels><channel><label/><unit/><type/></channel>…</channels>} to the description, the layout
     * the XDF specification's meta-data recommendations and LabRecorder use.
     */
    public void appendChannels(List<ChannelInfo> channels) {
        if (channels.size() != channelCount()) {
            throw new IllegalArgumentException("Stream '" + name() + "' has " + channelCount()
                    + " channels but " + channels.size() + " channel descriptions were given.");
        }
        LslXmlElement list = desc().appendChild("channels");
        for (ChannelInfo channel : channels) {
            list.appendChild("channel").appendChildValue("label", channel.label())
                    .appendChildValue("unit", channel.unit()).appendChildValue("type", channel.type());
        }
    }

    /**
     * The channel metadata from {@code desc/channels/channel}: empty when the stream describes no channels;
     * otherwise one entry per described channel (missing fields are empty strings).
     */
    public List<ChannelInfo> channels() {
        LslXmlElement list = desc().child("channels");
        if (list.isEmpty()) {
            return List.of();
        }
        List<ChannelInfo> channels = new ArrayList<>();
        for (LslXmlElement channel : list.children()) {
            if (channel.name().equals("channel")) {
                channels.add(new ChannelInfo(channel.childValue("label"), channel.childValue("unit"),
                        channel.childValue("type")));
            }
        }
        return channels;
    }

    /** True when this stream matches an XPath predicate such as {@code "type='EEG'"}. */
    public boolean matches(String predicate) {
        int result = LslApi.lsl_stream_info_matches_query(handle(), Objects.requireNonNull(predicate, "predicate"));
        LslErrors.check(result, "matching stream '" + name() + "' against \"" + predicate + "\"");
        return result > 0;
    }

    /**
     * This stream as a neurostream description. Channel metadata is kept only when it describes every channel;
     * otherwise it is dropped and {@link StreamDescription#channelLabel} falls back to {@code ch1, ch2, …}.
     */
    public StreamDescription toDescription(String streamKey) {
        List<ChannelInfo> channels = channels();
        int count = channelCount();
        return new StreamDescription(streamKey, name(), type(), sourceId(), count, nominalRateHz(), valueFormat(),
                channels.size() == count ? channels : List.of());
    }

    Pointer handle() {
        Pointer p = handle;
        if (p == null) {
            throw new IllegalStateException("This LSL stream info has been closed.");
        }
        return p;
    }

    /** Destroys the native stream info; later calls fail with IllegalStateException. Never throws. */
    @Override
    public void close() {
        Pointer p = handle;
        handle = null;
        if (p != null) {
            LslApi.lsl_destroy_streaminfo(p);
        }
    }

    @Override
    public String toString() {
        if (handle == null) {
            return "LslStreamInfo{closed}";
        }
        return "LslStreamInfo{name=" + name() + ", type=" + type() + ", channels=" + channelCount() + ", rate="
                + nominalRateHz() + " Hz, format=" + valueFormat().xdfName() + ", sourceId=" + sourceId()
                + ", host=" + hostname() + "}";
    }

    static int formatCode(ValueFormat format) {
        return switch (format) {
            case FLOAT32 -> 1;
            case DOUBLE64 -> 2;
            case STRING -> 3;
            case INT32 -> 4;
            case INT16 -> 5;
            case INT8 -> 6;
            case INT64 -> 7;
        };
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
