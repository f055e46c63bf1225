package org.neurostream.streams.format.xdf;

import static org.neurostream.streams.format.xdf.XdfFormat.CLOCK_OFFSET_VALUE_BYTES;
import static org.neurostream.streams.format.xdf.XdfFormat.STREAM_ID_BYTES;
import static org.neurostream.streams.format.xdf.XdfFormat.TAG_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.neurostream.streams.format.ClockOffset;
import org.neurostream.streams.format.FileBytes;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.format.StreamOutline;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads a whole XDF 1.0 file (Lab Streaming Layer recordings, as LabRecorder writes them) into a {@link Recording},
 * following pyxdf 1.17's {@code load_xdf}: the same streams in the same order, the same sample values, and the same
 * timestamps after clock synchronization (with clock-reset handling) and optional dejittering.
 *
 * <p>Every chunk type is understood: FileHeader, StreamHeader, Samples (int8, int16, int32, int64, float32, double64
 * and string values; per-sample or omitted timestamps, an omitted one being the previous one plus
 * {@code 1 / nominal_srate}), ClockOffset, Boundary and StreamFooter. Numeric values become {@code double}s (int64
 * values beyond ±2<sup>53</sup> lose precision); string streams keep the value of channel 0 of each sample.
 *
 * <p>Where pyxdf guesses its way past damage (scanning forward to the next Boundary chunk), this reader stops with a
 * {@link RecordingFormatException} that names the file, the byte offset and what is wrong: a wrong magic number, a
 * truncated file, a chunk length that disagrees with its content or the file size, malformed header XML, samples or
 * offsets for an undeclared stream. Lengths and counts are checked against the bytes that remain before anything is
 * allocated, and every step advances through the file, so no input makes it loop forever or exhaust memory.
 * Recoverable oddities (a malformed footer, a footer whose sample count disagrees, unknown chunk tags) are reported in
 * {@link Recording#problems()}.
 *
 * <p>A file is read into memory and decoded with absolute little-endian reads, values straight into their final
 * channel-major arrays (about 80 million channel-samples per second once the JIT has warmed up, on clock_resets.xdf).
 * Files up to 2 GiB are supported. Stateless and thread-safe: each call reads independently.
 *
 * <p>{@link #open} opens a file for replay instead: the same walk and timestamps, but numeric values decoded only
 * when a slice reaches them, so memory follows the slice and the timestamps, not the values.
 */
public final class XdfReader {
    /** The format name reported in {@link Recording#format()}. */
    public static final String FORMAT_NAME = "XDF";

    private final Path file;
    private final String fileName;
    private final ByteBuffer buf;
    private final int limit;
    private final XdfReadOptions options;
    private final List<String> problems = new ArrayList<>();
    private final Map<Long, XdfStreamBuilder> streams = new LinkedHashMap<>();
    private XdfXml xml;

    private XdfReader(Path file, ByteBuffer content, XdfReadOptions options) {
        this.file = file;
        Path name = file.getFileName();
        this.fileName = name == null ? file.toString() : name.toString();
        this.buf = content.order(ByteOrder.LITTLE_ENDIAN);
        this.limit = content.limit();
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Reads {@code file} with pyxdf's default options ({@link XdfReadOptions#defaults()}). */
    public static Recording read(Path file) throws IOException {
        return read(file, XdfReadOptions.defaults());
    }

    /** Reads {@code file} with the given timestamp post-processing. */
    public static Recording read(Path file, XdfReadOptions options) throws IOException {
        checkSize(file);
        // A heap copy rather than a memory map: as fast after warm-up, and safe if the file shrinks meanwhile.
        return new XdfReader(file, ByteBuffer.wrap(Files.readAllBytes(file)), options).parse();
    }

    private static void checkSize(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new RecordingFormatException(file, 0, "the file has " + size
                    + " bytes; XdfReader holds a whole recording in memory and reads files up to 2 GiB.");
        }
    }

    /**
     * Reads an XDF file held in memory, for example fetched from elsewhere or produced by a fuzzer.
     *
     * @param nameForErrors the name used in the {@link Recording}, in stream keys and in error messages
     */
    public static Recording read(byte[] content, Path nameForErrors, XdfReadOptions options)
            throws RecordingFormatException {
        return new XdfReader(nameForErrors, ByteBuffer.wrap(content), options).parse();
    }

    /**
     * What {@code file} holds without decoding its sample values: each stream's description, sample count and last
     * timestamp, the timestamps processed as {@link #read(Path, XdfReadOptions)} processes them (so the last one is
     * the last sample's as a replay of the file with the same options emits it). Every chunk is still walked and
     * checked as by {@code read} (sample timestamps are interleaved with the values, and dejittering and clock
     * synchronization need all of them); only the values are not decoded into arrays.
     *
     * @throws RecordingFormatException as {@link #read(Path, XdfReadOptions)}
     */
    public static List<StreamOutline> outline(Path file, XdfReadOptions options) throws IOException {
        checkSize(file);
        // mapped, not copied: the outline reads a few bytes per sample, and a heap copy of every file would be most
        // of its cost
        XdfReader reader = new XdfReader(file, FileBytes.map(file, FORMAT_NAME), options);
        reader.walk();
        List<StreamOutline> outlines = new ArrayList<>(reader.streams.size());
        for (XdfStreamBuilder stream : reader.streams.values()) {
            outlines.add(StreamOutline.of(stream.description, reader.timestamps(stream).timestampsSeconds()));
        }
        return outlines;
    }

    /** Opens {@code file} for replay with pyxdf's default options ({@link XdfReadOptions#defaults()}). */
    public static RecordingHandle open(Path file) throws IOException {
        return open(file, XdfReadOptions.defaults());
    }

    /**
     * Opens {@code file} for replay: walks and checks every chunk as {@link #read(Path, XdfReadOptions)} does and
     * computes each stream's timestamps as it does, keeps string streams decoded, and decodes a numeric stream's
     * values only when it is {@linkplain StreamHandle#slice sliced}, reading just the sample blocks the slice spans
     * (memory per numeric stream: its timestamps, plus the blocks of one slice). Its streams slice into the same
     * elements as those of {@code read}, in the same order.
     *
     * @throws RecordingFormatException as {@link #read(Path, XdfReadOptions)}, with the same file, byte and problem
     */
    public static RecordingHandle open(Path file, XdfReadOptions options) throws IOException {
        checkSize(file);
        // mapped for the walk (which reads a few bytes per sample), then read with plain reads per slice
        XdfReader reader = new XdfReader(file, FileBytes.map(file, FORMAT_NAME), options);
        reader.walk();
        return new XdfRecordingHandle(file, reader.buf, List.copyOf(reader.streams.values()),
                stream -> reader.timestamps(stream).timestampsSeconds(), reader::finish);
    }

    private Recording parse() throws RecordingFormatException {
        walk();
        List<RecordedStream> recorded = new ArrayList<>(streams.size());
        for (XdfStreamBuilder stream : streams.values()) {
            recorded.add(finish(stream));
        }
        return new Recording(file, FORMAT_NAME, recorded, problems);
    }

    /** Reads every chunk: stream headers, timestamps, where the values lie, clock offsets, footers. */
    private void walk() throws RecordingFormatException {
        checkMagic();
        int pos = XdfFormat.MAGIC.length;
        while (pos < limit) {
            pos = readChunk(pos);
        }
    }

    private void checkMagic() throws RecordingFormatException {
        byte[] magic = XdfFormat.MAGIC;
        int n = Math.min(limit, magic.length);
        boolean matches = limit >= magic.length;
        for (int i = 0; i < n && matches; i++) {
            matches = buf.get(i) == magic[i];
        }
        if (!matches) {
            byte[] found = new byte[n];
            buf.get(0, found);
            throw fail(0, "not an XDF file: it must start with the magic bytes 'XDF:' but starts with "
                    + printable(found) + (limit < magic.length ? " (the file has only " + limit + " bytes)" : "")
                    + ".");
        }
    }

    /** Reads the chunk at {@code start} and returns the position after it. */
    private int readChunk(int start) throws RecordingFormatException {
        int lengthBytes = buf.get(start) & 0xFF;
        if (lengthBytes != 1 && lengthBytes != 4 && lengthBytes != 8) {
            throw fail(start, "chunk length field says it has " + lengthBytes
                    + " bytes; XDF allows 1, 4 or 8 (corrupted chunk, or a previous chunk's length is wrong).");
        }
        int pos = start + 1;
        if (limit - pos < lengthBytes) {
            throw fail(start, "the file ends inside a chunk's " + lengthBytes + "-byte length field (truncated file).");
        }
        long length = readUnsigned(pos, lengthBytes);
        pos += lengthBytes;
        long remaining = limit - pos;
        if (length < 0 || length > remaining) {
            throw fail(start, "chunk declares " + Long.toUnsignedString(length) + " bytes of tag and content but only "
                    + remaining + " bytes remain in the file (truncated file or corrupted chunk length).");
        }
        if (length < TAG_BYTES) {
            throw fail(start, "chunk declares " + length + " bytes; every chunk holds at least its 2-byte tag"
                    + " (corrupted chunk length).");
        }
        int tag = buf.getShort(pos) & 0xFFFF;
        int content = pos + TAG_BYTES;
        int end = pos + (int) length;
        switch (tag) {
            case XdfFormat.TAG_FILE_HEADER -> parseXml(content, end, "FileHeader");
            case XdfFormat.TAG_STREAM_HEADER -> readStreamHeader(start, content, end);
            case XdfFormat.TAG_SAMPLES -> readSamples(start, content, end);
            case XdfFormat.TAG_CLOCK_OFFSET -> readClockOffset(start, content, end);
            case XdfFormat.TAG_STREAM_FOOTER -> readStreamFooter(start, content, end);
            case XdfFormat.TAG_BOUNDARY -> {
                // Boundary chunks only help a reader resynchronize after damage; this reader stops at damage.
            }
            default -> problems.add("Chunk at byte " + start + " has unknown tag " + tag + "; its " + (end - content)
                    + " content bytes were skipped.");
        }
        return end;
    }

    private long streamIdOf(int chunkStart, int content, int end, int tag) throws RecordingFormatException {
        if (end - content < STREAM_ID_BYTES) {
            throw fail(chunkStart, XdfFormat.tagName(tag) + " chunk has " + (end - content)
                    + " content bytes, too few for its 4-byte stream id (corrupted chunk length).");
        }
        return buf.getInt(content) & 0xFFFF_FFFFL;
    }

    private XdfStreamBuilder declaredStream(int chunkStart, long streamId, int tag) throws RecordingFormatException {
        XdfStreamBuilder stream = streams.get(streamId);
        if (stream == null) {
            throw fail(chunkStart, XdfFormat.tagName(tag) + " chunk for stream id " + streamId
                    + ", which no StreamHeader chunk declared before it (declared: " + streams.keySet() + ").");
        }
        return stream;
    }

    // ---------------------------------------------------------------- headers and footers

    private void readStreamHeader(int chunkStart, int content, int end) throws RecordingFormatException {
        long streamId = streamIdOf(chunkStart, content, end, XdfFormat.TAG_STREAM_HEADER);
        if (streams.containsKey(streamId)) {
            throw fail(chunkStart, "a second StreamHeader chunk for stream id " + streamId
                    + "; each stream must be declared once.");
        }
        int xmlStart = content + STREAM_ID_BYTES;
        String headerXml = decodeUtf8(xmlStart, end - xmlStart);
        Element info = parseXml(xmlStart, headerXml, "StreamHeader of stream " + streamId);
        String where = "StreamHeader of stream " + streamId;
        if (!info.getTagName().equals("info")) {
            throw fail(xmlStart, where + " has root element <" + info.getTagName() + ">; it must be <info>.");
        }
        String countText = requiredText(xmlStart, info, "channel_count", where);
        int channelCount;
        try {
            channelCount = Integer.parseInt(countText.trim());
        } catch (NumberFormatException e) {
            throw fail(xmlStart, where + " has <channel_count>" + countText + "</channel_count>; it must be an integer.");
        }
        if (channelCount < 1) {
            throw fail(xmlStart, where + " has <channel_count>" + channelCount + "</channel_count>; it must be >= 1.");
        }
        String rateText = requiredText(xmlStart, info, "nominal_srate", where);
        double rate;
        try {
            rate = Double.parseDouble(rateText.trim());
        } catch (NumberFormatException e) {
            throw fail(xmlStart, where + " has <nominal_srate>" + rateText + "</nominal_srate>; it must be a number.");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw fail(xmlStart, where + " has <nominal_srate>" + rateText
                    + "</nominal_srate>; it must be finite and >= 0 (0 means irregular).");
        }
        String formatText = requiredText(xmlStart, info, "channel_format", where);
        ValueFormat format;
        try {
            format = ValueFormat.fromXdfName(formatText);
        } catch (IllegalArgumentException e) {
            throw fail(xmlStart, where + ": " + e.getMessage());
        }
        String name = textOrEmpty(info, "name");
        String streamKey = fileName + "#" + streamId;
        List<ChannelInfo> channels = channels(info, channelCount, where);
        StreamDescription description = new StreamDescription(streamKey, name, textOrEmpty(info, "type"),
                textOrEmpty(info, "source_id"), channelCount, rate, format, channels);
        XdfStreamBuilder stream = new XdfStreamBuilder(streamId, description, headerXml, info);
        if (!format.isNumeric() && channelCount > 1) {
            problems.add(stream.label() + " is a string stream with " + channelCount
                    + " channels; only the value of channel 0 of each sample is kept.");
        }
        streams.put(streamId, stream);
    }

    /** Channel metadata from {@code desc/channels/channel}; empty (with a problem) when the count disagrees. */
    private List<ChannelInfo> channels(Element info, int channelCount, String where) {
        Element channelsElement = XdfXml.child(XdfXml.child(info, "desc"), "channels");
        if (channelsElement == null) {
            return List.of();
        }
        List<ChannelInfo> channels = new ArrayList<>();
        for (Node n = channelsElement.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element channel && channel.getTagName().equals("channel")) {
                channels.add(new ChannelInfo(textOrEmpty(channel, "label"), textOrEmpty(channel, "unit"),
                        textOrEmpty(channel, "type")));
                if (channels.size() > channelCount) {
                    break;
                }
            }
        }
        if (!channels.isEmpty() && channels.size() != channelCount) {
            problems.add(where + " declares " + channelCount + " channels but describes "
                    + (channels.size() > channelCount ? "more" : String.valueOf(channels.size()))
                    + " in desc/channels; the channel descriptions are ignored.");
            return List.of();
        }
        return channels;
    }

    private void readStreamFooter(int chunkStart, int content, int end) throws RecordingFormatException {
        long streamId = streamIdOf(chunkStart, content, end, XdfFormat.TAG_STREAM_FOOTER);
        XdfStreamBuilder stream = declaredStream(chunkStart, streamId, XdfFormat.TAG_STREAM_FOOTER);
        int xmlStart = content + STREAM_ID_BYTES;
        if (!stream.footerXml.isEmpty()) {
            problems.add(stream.label() + " has a second StreamFooter chunk at byte " + chunkStart
                    + "; the last one is used.");
        }
        stream.footerXml = decodeUtf8(xmlStart, end - xmlStart);
        try {
            stream.footerInfo = xml().parse(stream.footerXml);
        } catch (SAXException e) {
            stream.footerInfo = null;
            problems.add(stream.label() + ": the StreamFooter at byte " + xmlStart + " is not usable XML ("
                    + e.getMessage() + "); it is ignored, as pyxdf does.");
        }
    }

    private void parseXml(int start, int end, String what) throws RecordingFormatException {
        parseXml(start, decodeUtf8(start, end - start), what);
    }

    private Element parseXml(int start, String text, String what) throws RecordingFormatException {
        try {
            return xml().parse(text);
        } catch (SAXException e) {
            throw new RecordingFormatException(file, start, what + " is not well-formed: " + e.getMessage(), e);
        }
    }

    private String requiredText(int xmlStart, Element info, String tag, String where)
            throws RecordingFormatException {
        String text = XdfXml.childText(info, tag);
        if (text == null) {
            throw fail(xmlStart, where + " has no <" + tag + "> element.");
        }
        return text;
    }

    private static String textOrEmpty(Element parent, String tag) {
        String text = XdfXml.childText(parent, tag);
        return text == null ? "" : text;
    }

    // ---------------------------------------------------------------- samples and clock offsets

    private void readClockOffset(int chunkStart, int content, int end) throws RecordingFormatException {
        long streamId = streamIdOf(chunkStart, content, end, XdfFormat.TAG_CLOCK_OFFSET);
        XdfStreamBuilder stream = declaredStream(chunkStart, streamId, XdfFormat.TAG_CLOCK_OFFSET);
        int valueStart = content + STREAM_ID_BYTES;
        if (end - valueStart != CLOCK_OFFSET_VALUE_BYTES) {
            throw fail(chunkStart, "ClockOffset chunk of " + stream.label() + " has " + (end - valueStart)
                    + " bytes after its stream id; it must have 16 (two float64), so its length is corrupted.");
        }
        stream.clockTimes.add(buf.getDouble(valueStart));
        stream.clockValues.add(buf.getDouble(valueStart + 8));
    }

    private void readSamples(int chunkStart, int content, int end) throws RecordingFormatException {
        long streamId = streamIdOf(chunkStart, content, end, XdfFormat.TAG_SAMPLES);
        XdfStreamBuilder stream = declaredStream(chunkStart, streamId, XdfFormat.TAG_SAMPLES);
        int pos = content + STREAM_ID_BYTES;
        if (pos >= end) {
            throw fail(pos, "Samples chunk of " + stream.label() + " ends before its sample count.");
        }
        int countBytes = buf.get(pos) & 0xFF;
        if (countBytes != 1 && countBytes != 4 && countBytes != 8) {
            throw fail(pos, "Samples chunk of " + stream.label() + ": the sample count's length field says "
                    + countBytes + " bytes; XDF allows 1, 4 or 8.");
        }
        if (end - pos - 1 < countBytes) {
            throw fail(pos, "Samples chunk of " + stream.label() + " ends inside its sample count.");
        }
        long count = readUnsigned(pos + 1, countBytes);
        int countPos = pos;
        pos += 1 + countBytes;
        int channels = stream.description.channelCount();
        // Smallest possible encoding of one sample: the timestamp flag byte plus the values (strings: a 1-byte
        // length field and a 1-byte length per channel).
        long minSampleBytes = 1 + (stream.isNumeric() ? stream.sampleValueBytes : 2L * channels);
        long maxCount = (end - pos) / minSampleBytes;
        if (count < 0 || count > maxCount) {
            throw fail(countPos, "Samples chunk of " + stream.label() + " declares " + Long.toUnsignedString(count)
                    + " samples, but its remaining " + (end - pos) + " bytes hold at most " + maxCount
                    + " (corrupted chunk or truncated file).");
        }
        int n = (int) count;
        long total = (long) stream.timestamps.size() + n;
        if (total * (stream.isNumeric() ? channels : 1) > Integer.MAX_VALUE - 8L) {
            throw fail(chunkStart, stream.label() + " has more than " + (Integer.MAX_VALUE - 8)
                    + " values; XdfReader holds a stream in one array.");
        }
        stream.timestamps.ensureExtra(n);
        double last = stream.lastTimestampSeconds;
        double interval = stream.sampleIntervalSeconds;
        long valueBytes = stream.sampleValueBytes;
        int blockStart = pos;
        int blockFirst = 0;
        for (int s = 0; s < n; s++) {
            if (stream.isNumeric() && pos - blockStart >= XdfSampleBlocks.BLOCK_BYTES) {
                stream.blocks.add(blockStart, pos, s - blockFirst);
                blockStart = pos;
                blockFirst = s;
            }
            if (pos >= end) {
                throw sampleOverrun(stream, s, n, pos, end);
            }
            byte flag = buf.get(pos++);
            if (flag != 0) {
                if (end - pos < 8) {
                    throw sampleOverrun(stream, s, n, pos, end);
                }
                last = buf.getDouble(pos);
                pos += 8;
            } else {
                last += interval;
            }
            stream.timestamps.add(last);
            if (stream.isNumeric()) {
                if (end - pos < valueBytes) {
                    throw sampleOverrun(stream, s, n, pos, end);
                }
                pos += (int) valueBytes;
            } else {
                pos = readStrings(stream, s, n, pos, end);
            }
        }
        stream.lastTimestampSeconds = last;
        if (pos != end) {
            throw fail(pos, "Samples chunk of " + stream.label() + " (at byte " + chunkStart + ") holds " + n
                    + " samples ending at byte " + pos + ", but its length says it ends at byte " + end
                    + " (corrupted chunk length or sample count).");
        }
        if (stream.isNumeric() && n > blockFirst) {
            stream.blocks.add(blockStart, pos, n - blockFirst);
        }
    }

    /** Reads the string values of one sample at {@code pos}; keeps channel 0; returns the position after them. */
    private int readStrings(XdfStreamBuilder stream, int sample, int count, int pos, int end)
            throws RecordingFormatException {
        int channels = stream.description.channelCount();
        for (int c = 0; c < channels; c++) {
            if (pos >= end) {
                throw sampleOverrun(stream, sample, count, pos, end);
            }
            int lengthBytes = buf.get(pos) & 0xFF;
            if (lengthBytes != 1 && lengthBytes != 4 && lengthBytes != 8) {
                throw fail(pos, "Samples chunk of " + stream.label() + ", sample " + sample + ", channel " + c
                        + ": the string length field says " + lengthBytes + " bytes; XDF allows 1, 4 or 8.");
            }
            if (end - pos - 1 < lengthBytes) {
                throw sampleOverrun(stream, sample, count, pos, end);
            }
            long length = readUnsigned(pos + 1, lengthBytes);
            pos += 1 + lengthBytes;
            if (length < 0 || length > end - pos) {
                throw fail(pos, "Samples chunk of " + stream.label() + ", sample " + sample + ", channel " + c
                        + ": a string of " + Long.toUnsignedString(length) + " bytes, but only " + (end - pos)
                        + " bytes remain in the chunk (corrupted chunk or truncated file).");
            }
            if (c == 0) {
                stream.strings.add(decodeUtf8(pos, (int) length));
            }
            pos += (int) length;
        }
        return pos;
    }

    private RecordingFormatException sampleOverrun(XdfStreamBuilder stream, int sample, int count, int pos, int end) {
        return fail(pos, "Samples chunk of " + stream.label() + " ends at byte " + end + " in the middle of sample "
                + sample + " of the " + count + " it declares (corrupted chunk or truncated file).");
    }

    // ---------------------------------------------------------------- finishing a stream

    private RecordedStream finish(XdfStreamBuilder stream) {
        Timestamps t = timestamps(stream);
        double[] values = null;
        String[] strings = null;
        if (stream.isNumeric()) {
            values = decodeValues(stream, t.timestampsSeconds().length);
        } else {
            strings = stream.strings.subList(0, t.timestampsSeconds().length).toArray(new String[0]);
        }
        return new RecordedStream(stream.description, t.timestampsSeconds(), values, strings, t.clockOffsets(),
                stream.headerXml, stream.footerXml);
    }

    /** A stream's final timestamps (one per kept sample) and its clock offsets. */
    private record Timestamps(double[] timestampsSeconds, List<ClockOffset> clockOffsets) {
    }

    /**
     * A stream's timestamps as pyxdf returns them: samples beyond a corrupted footer dropped, clocks synchronized,
     * dejittered, per the options; recoverable oddities go to {@link #problems}.
     */
    private Timestamps timestamps(XdfStreamBuilder stream) {
        String label = stream.label();
        double[] timestamps = stream.timestamps.toArray();
        double[] clockTimes = stream.clockTimes.toArray();
        double[] clockValues = stream.clockValues.toArray();
        int count = timestamps.length;
        Long footerCount = footerSampleCount(stream);
        if (options.synchronizeClocks() && footerCount != null && count > footerCount
                && clockTimes.length >= 3 && XdfClockSync.lastOffsetLooksCorrupted(clockTimes, clockValues)) {
            // pyxdf's _truncate_corrupted_offsets: an extra sample plus an anomalous last clock offset is the
            // pylsl#67 / liblsl#246 bug (an outlet destroyed while the inlet was connected).
            problems.add(label + ": " + (count - footerCount) + " sample(s) beyond the footer's sample_count "
                    + footerCount + " and an anomalous last clock offset (pylsl#67 / liblsl#246); both were dropped,"
                    + " as pyxdf does.");
            count = (int) (long) footerCount;
            timestamps = java.util.Arrays.copyOf(timestamps, count);
            clockTimes = java.util.Arrays.copyOf(clockTimes, clockTimes.length - 1);
            clockValues = java.util.Arrays.copyOf(clockValues, clockValues.length - 1);
        } else if (footerCount != null && count != footerCount) {
            problems.add(label + ": the footer says " + footerCount + " samples but " + count + " were read"
                    + (count > footerCount
                    ? "; all are kept (LabRecorder may write the footer before the last samples arrive)."
                    : "; the file may have lost samples."));
        }
        if (options.synchronizeClocks()) {
            XdfClockSync.synchronize(timestamps, clockTimes, clockValues, options, label, problems);
        }
        double rate = stream.description.nominalRateHz();
        if (options.dejitterTimestamps()) {
            boolean canDrop = stream.canDropSamples();
            double effectiveRate = XdfDejitter.dejitter(timestamps, rate, canDrop,
                    options.jitterBreakThresholdSeconds(), options.jitterBreakThresholdSamples());
            if (count > 0 && rate > 0 && !canDrop && Math.abs(rate - effectiveRate) / rate > 0.1) {
                problems.add(String.format(Locale.ROOT, "%s: the effective sampling rate %.4f Hz differs from the"
                        + " nominal rate %.4f Hz by more than 10 %%.", label, effectiveRate, rate));
            }
        }
        List<ClockOffset> offsets = new ArrayList<>(clockTimes.length);
        for (int i = 0; i < clockTimes.length; i++) {
            offsets.add(new ClockOffset(clockTimes[i], clockValues[i]));
        }
        return new Timestamps(timestamps, offsets);
    }

    /** The footer's {@code sample_count}, or null when there is none (or it is not a count, with a problem). */
    private Long footerSampleCount(XdfStreamBuilder stream) {
        if (stream.footerInfo == null || !stream.footerInfo.getTagName().equals("info")) {
            return null;
        }
        String text = XdfXml.childText(stream.footerInfo, "sample_count");
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(stream.label() + ": the footer's sample_count '" + text + "' is not a count; it is ignored.");
        return null;
    }

    /** Decodes the first {@code count} samples of a numeric stream into a channel-major array. */
    private double[] decodeValues(XdfStreamBuilder stream, int count) {
        int channels = stream.description.channelCount();
        double[] values = new double[channels * count];
        XdfSampleBlocks blocks = stream.blocks;
        int sample = 0;
        for (int block = 0; block < blocks.count() && sample < count; block++) {
            int samples = Math.min(count - sample, blocks.sampleCount(block));
            XdfSampleDecoding.decode(buf, blocks.start(block), samples, stream.description.valueFormat(), channels,
                    values, count, sample);
            sample += samples;
        }
        return values;
    }

    // ---------------------------------------------------------------- helpers

    private long readUnsigned(int pos, int bytes) {
        return switch (bytes) {
            case 1 -> buf.get(pos) & 0xFFL;
            case 4 -> buf.getInt(pos) & 0xFFFF_FFFFL;
            default -> buf.getLong(pos);
        };
    }

    private String decodeUtf8(int pos, int length) {
        byte[] bytes = new byte[length];
        buf.get(pos, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private XdfXml xml() {
        if (xml == null) {
            xml = XdfXml.create();
        }
        return xml;
    }

    private RecordingFormatException fail(long offset, String problem) {
        return new RecordingFormatException(file, offset, problem);
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("'");
        for (byte b : bytes) {
            if (b >= 0x20 && b < 0x7F) {
                sb.append((char) b);
            } else {
                sb.append(String.format(Locale.ROOT, "\\x%02X", b & 0xFF));
            }
        }
        return sb.append('\'').toString();
    }
}
