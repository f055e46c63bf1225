package org.neurostream.streams.format.xdf;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neurostream.streams.format.ClockOffset;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;
import org.xml.sax.SAXException;

/**
 * Writes an XDF 1.0 file as a recording goes, the way LabRecorder does: the file header when opened, a StreamHeader
 * per stream (channel metadata in {@code desc/channels}), Samples chunks with a timestamp for every sample,
 * ClockOffset chunks, a Boundary chunk whenever {@code boundaryInterval} of wall-clock time has passed, and on
 * {@link #close()} a StreamFooter per stream with its first and last timestamp, sample count and clock offsets.
 *
 * <p>Numeric values arrive as {@code double}s and are stored in the stream's declared format: integer formats accept
 * only integral values in range (anything else is an {@link IllegalArgumentException}, never a silent rounding),
 * float32 rounds to the nearest float. String streams (one channel) take {@link Marker}s.
 *
 * <p>The file is created new (an existing file is never overwritten). Methods are synchronized, so inlets on several
 * threads may share one writer; {@link #flush()} pushes buffered chunks to the operating system.
 */
public final class XdfWriter implements Closeable {
    /** LabRecorder's interval between Boundary chunks. */
    public static final Duration DEFAULT_BOUNDARY_INTERVAL = Duration.ofSeconds(10);

    private final Path file;
    private final OutputStream out;
    private final InstantSource clock;
    private final Duration boundaryInterval;
    private final Map<Long, StreamState> streams = new LinkedHashMap<>();
    private ByteBuffer scratch = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private Instant lastBoundary;
    private long nextStreamId = 1;
    private boolean closed;

    /** What the writer remembers about one stream for its footer. */
    private static final class StreamState {
        final StreamDescription description;
        double firstTimestampSeconds = Double.NaN;
        double lastTimestampSeconds = Double.NaN;
        long sampleCount;
        final List<ClockOffset> clockOffsets = new ArrayList<>();

        StreamState(StreamDescription description) {
            this.description = description;
        }

        void saw(double first, double last, int count) {
            if (sampleCount == 0) {
                firstTimestampSeconds = first;
            }
            lastTimestampSeconds = last;
            sampleCount += count;
        }
    }

    private XdfWriter(Path file, OutputStream out, InstantSource clock, Duration boundaryInterval, Instant opened) {
        this.file = file;
        this.out = out;
        this.clock = clock;
        this.boundaryInterval = boundaryInterval;
        this.lastBoundary = opened;
    }

    /** Creates {@code file} (which must not exist) and writes the magic number and file header. */
    public static XdfWriter open(Path file) throws IOException {
        return open(file, InstantSource.system(), DEFAULT_BOUNDARY_INTERVAL);
    }

    /**
     * Creates {@code file} (which must not exist) and writes the magic number and file header.
     *
     * @param clock            wall clock for the header's {@code datetime} and for boundary timing
     * @param boundaryInterval wall-clock time between Boundary chunks, positive
     */
    public static XdfWriter open(Path file, InstantSource clock, Duration boundaryInterval) throws IOException {
        Objects.requireNonNull(clock, "clock");
        if (boundaryInterval.isNegative() || boundaryInterval.isZero()) {
            throw new IllegalArgumentException("boundaryInterval must be positive, but got " + boundaryInterval + ".");
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
        Instant now = clock.instant();
        XdfWriter writer = new XdfWriter(file, out, clock, boundaryInterval, now);
        try {
            out.write(XdfFormat.MAGIC);
            writer.writeXmlChunk(XdfFormat.TAG_FILE_HEADER, -1, "<?xml version=\"1.0\"?>\n<info>\n\t<version>1.0</version>"
                    + "\n\t<datetime>" + now + "</datetime>\n</info>");
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return writer;
    }

    /**
     * Declares a stream and writes its StreamHeader.
     *
     * @param description   name, type, source id, channel count, rate, format and channel metadata; string streams
     *                      must have one channel
     * @param extraDescXml  an XML fragment placed in {@code <desc>} after {@code <channels>} (for example
     *                      {@code <manufacturer>Acme</manufacturer>}); empty for none
     * @return the stream id to pass to the write methods
     */
    public synchronized long addStream(StreamDescription description, String extraDescXml) throws IOException {
        checkOpen();
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(extraDescXml, "extraDescXml");
        if (!description.valueFormat().isNumeric() && description.channelCount() != 1) {
            throw new IllegalArgumentException("Stream '" + description.streamKey() + "' is a string stream with "
                    + description.channelCount() + " channels; XdfWriter writes string streams of one channel.");
        }
        try {
            XdfXml.create().parse("<desc>" + extraDescXml + "</desc>");
        } catch (SAXException e) {
            throw new IllegalArgumentException("The extra desc XML of stream '" + description.streamKey()
                    + "' is not a well-formed fragment: " + e.getMessage(), e);
        }
        long id = nextStreamId++;
        StringBuilder xml = new StringBuilder(512).append("<?xml version=\"1.0\"?>\n<info>");
        element(xml, "name", description.name());
        element(xml, "type", description.type());
        element(xml, "channel_count", Integer.toString(description.channelCount()));
        element(xml, "channel_format", description.valueFormat().xdfName());
        element(xml, "source_id", description.sourceId());
        element(xml, "nominal_srate", Double.toString(description.nominalRateHz()));
        element(xml, "version", "1.1");
        xml.append("\n\t<desc>");
        if (!description.channels().isEmpty()) {
            xml.append("\n\t\t<channels>");
            for (ChannelInfo channel : description.channels()) {
                xml.append("\n\t\t\t<channel><label>").append(XdfXml.escape(channel.label()))
                        .append("</label><unit>").append(XdfXml.escape(channel.unit()))
                        .append("</unit><type>").append(XdfXml.escape(channel.type())).append("</type></channel>");
            }
            xml.append("\n\t\t</channels>");
        }
        xml.append(extraDescXml).append("</desc>\n</info>");
        writeXmlChunk(XdfFormat.TAG_STREAM_HEADER, id, xml.toString());
        streams.put(id, new StreamState(description));
        return id;
    }

    /** Writes the samples of {@code chunk} (numeric stream) as one Samples chunk with per-sample timestamps. */
    public synchronized void writeSamples(long streamId, SampleChunk chunk) throws IOException {
        StreamState stream = stream(streamId);
        StreamDescription d = stream.description;
        if (!chunk.streamKey().equals(d.streamKey())) {
            throw new IllegalArgumentException("A chunk of stream '" + chunk.streamKey() + "' was written to stream id "
                    + streamId + " ('" + d.streamKey() + "').");
        }
        if (!d.valueFormat().isNumeric()) {
            throw new IllegalArgumentException("Stream '" + d.streamKey() + "' is a string stream; write markers.");
        }
        if (chunk.channelCount() != d.channelCount()) {
            throw new IllegalArgumentException("A chunk of stream '" + d.streamKey() + "' has " + chunk.channelCount()
                    + " channels; the stream declares " + d.channelCount() + ".");
        }
        int n = chunk.sampleCount();
        if (n == 0) {
            return;
        }
        int channels = d.channelCount();
        ValueFormat format = d.valueFormat();
        long content = XdfFormat.STREAM_ID_BYTES + varlenBytes(n)
                + (long) n * (9 + (long) channels * format.bytesPerValue());
        ByteBuffer b = beginChunk(XdfFormat.TAG_SAMPLES, streamId, content);
        putVarlen(b, n);
        double[] values = chunk.values();
        for (int s = 0; s < n; s++) {
            b.put((byte) 8).putDouble(chunk.timestampSeconds(s));
            for (int c = 0; c < channels; c++) {
                putValue(b, format, values[c * n + s], d, c, s);
            }
        }
        finishChunk(b);
        stream.saw(chunk.firstTimestampSeconds(), chunk.lastTimestampSeconds(), n);
    }

    /** Writes {@code markers} (string stream) as one Samples chunk, each with its timestamp. */
    public synchronized void writeMarkers(long streamId, List<Marker> markers) throws IOException {
        StreamState stream = stream(streamId);
        StreamDescription d = stream.description;
        if (d.valueFormat().isNumeric()) {
            throw new IllegalArgumentException("Stream '" + d.streamKey() + "' is a " + d.valueFormat().xdfName()
                    + " stream; markers go to a string stream.");
        }
        if (markers.isEmpty()) {
            return;
        }
        List<byte[]> encoded = new ArrayList<>(markers.size());
        long content = XdfFormat.STREAM_ID_BYTES + varlenBytes(markers.size());
        for (Marker marker : markers) {
            if (!marker.streamKey().equals(d.streamKey())) {
                throw new IllegalArgumentException("A marker of stream '" + marker.streamKey()
                        + "' was written to stream id " + streamId + " ('" + d.streamKey() + "').");
            }
            byte[] utf8 = marker.value().getBytes(StandardCharsets.UTF_8);
            encoded.add(utf8);
            content += 9 + varlenBytes(utf8.length) + utf8.length;
        }
        ByteBuffer b = beginChunk(XdfFormat.TAG_SAMPLES, streamId, content);
        putVarlen(b, markers.size());
        for (int i = 0; i < markers.size(); i++) {
            b.put((byte) 8).putDouble(markers.get(i).timestampSeconds());
            putVarlen(b, encoded.get(i).length);
            b.put(encoded.get(i));
        }
        finishChunk(b);
        stream.saw(markers.get(0).timestampSeconds(), markers.get(markers.size() - 1).timestampSeconds(),
                markers.size());
    }

    /**
     * Writes a ClockOffset chunk: at {@code collectionTimeSeconds} (the stream's clock) the recorder's clock was
     * {@code offsetSeconds} ahead.
     */
    public synchronized void writeClockOffset(long streamId, double collectionTimeSeconds, double offsetSeconds)
            throws IOException {
        StreamState stream = stream(streamId);
        ByteBuffer b = beginChunk(XdfFormat.TAG_CLOCK_OFFSET, streamId,
                XdfFormat.STREAM_ID_BYTES + XdfFormat.CLOCK_OFFSET_VALUE_BYTES);
        b.putDouble(collectionTimeSeconds).putDouble(offsetSeconds);
        finishChunk(b);
        stream.clockOffsets.add(new ClockOffset(collectionTimeSeconds, offsetSeconds));
    }

    /** Writes a Boundary chunk now (they are also written automatically every {@code boundaryInterval}). */
    public synchronized void writeBoundary() throws IOException {
        checkOpen();
        writeBoundaryChunk();
    }

    /** Pushes buffered chunks to the operating system. */
    public synchronized void flush() throws IOException {
        checkOpen();
        out.flush();
    }

    /** Writes every stream's footer and closes the file; further calls do nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            for (Map.Entry<Long, StreamState> e : streams.entrySet()) {
                StreamState s = e.getValue();
                StringBuilder xml = new StringBuilder(256).append("<?xml version=\"1.0\"?>\n<info>");
                element(xml, "first_timestamp", Double.toString(s.sampleCount == 0 ? 0 : s.firstTimestampSeconds));
                element(xml, "last_timestamp", Double.toString(s.sampleCount == 0 ? 0 : s.lastTimestampSeconds));
                element(xml, "sample_count", Long.toString(s.sampleCount));
                xml.append("\n\t<clock_offsets>");
                for (ClockOffset offset : s.clockOffsets) {
                    xml.append("<offset><time>").append(offset.collectionTimeSeconds()).append("</time><value>")
                            .append(offset.offsetSeconds()).append("</value></offset>");
                }
                xml.append("</clock_offsets>\n</info>");
                writeXmlChunk(XdfFormat.TAG_STREAM_FOOTER, e.getKey(), xml.toString());
            }
        }
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------- chunk encoding

    private StreamState stream(long streamId) {
        checkOpen();
        StreamState stream = streams.get(streamId);
        if (stream == null) {
            throw new IllegalArgumentException("No stream with id " + streamId + " in " + file
                    + "; declared: " + streams.keySet() + ".");
        }
        return stream;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The XDF writer of " + file + " is closed.");
        }
    }

    private void writeXmlChunk(int tag, long streamId, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = beginChunk(tag, streamId, (streamId >= 0 ? XdfFormat.STREAM_ID_BYTES : 0) + bytes.length);
        b.put(bytes);
        finishChunk(b);
    }

    private void writeBoundaryChunk() throws IOException {
        ByteBuffer b = beginChunk(XdfFormat.TAG_BOUNDARY, -1, XdfFormat.BOUNDARY_SIGNATURE.length);
        b.put(XdfFormat.BOUNDARY_SIGNATURE);
        writeBytes(b);
        lastBoundary = clock.instant();
    }

    /**
     * Starts a chunk of {@code contentBytes} (stream id included) in the scratch buffer; a negative
     * {@code streamId} means a chunk without one.
     */
    private ByteBuffer beginChunk(int tag, long streamId, long contentBytes) {
        long length = XdfFormat.TAG_BYTES + contentBytes;
        long total = varlenBytes(length) + length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A chunk of " + total + " bytes is too large; write fewer samples at once.");
        }
        if (scratch.capacity() < total) {
            scratch = ByteBuffer.allocate((int) Math.max(total, Math.min(Integer.MAX_VALUE - 8L, 2L * scratch.capacity())))
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer b = scratch.clear();
        putVarlen(b, length);
        b.putShort((short) tag);
        if (streamId >= 0) {
            b.putInt((int) streamId);
        }
        return b;
    }

    private void finishChunk(ByteBuffer b) throws IOException {
        writeBytes(b);
        if (Duration.between(lastBoundary, clock.instant()).compareTo(boundaryInterval) >= 0) {
            writeBoundaryChunk();
        }
    }

    private void writeBytes(ByteBuffer b) throws IOException {
        out.write(b.array(), 0, b.position());
    }

    /** Bytes of a variable-length integer after its 1-byte size field: 1, 4 or 8, as LabRecorder chooses. */
    private static int varlenSize(long value) {
        if (value < 256) {
            return 1;
        }
        return value <= 0xFFFF_FFFFL ? 4 : 8;
    }

    /** Bytes of a variable-length integer including its size field. */
    private static int varlenBytes(long value) {
        return 1 + varlenSize(value);
    }

    private static void putVarlen(ByteBuffer b, long value) {
        int size = varlenSize(value);
        b.put((byte) size);
        switch (size) {
            case 1 -> b.put((byte) value);
            case 4 -> b.putInt((int) value);
            default -> b.putLong(value);
        }
    }

    private static void putValue(ByteBuffer b, ValueFormat format, double v, StreamDescription d, int channel,
                                 int sample) {
        switch (format) {
            case FLOAT32 -> b.putFloat((float) v);
            case DOUBLE64 -> b.putDouble(v);
            case INT8 -> b.put((byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, d, channel, sample));
            case INT16 -> b.putShort((short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, d, channel, sample));
            case INT32 -> b.putInt((int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, d, channel, sample));
            case INT64 -> b.putLong(integral(v, Long.MIN_VALUE, Long.MAX_VALUE, d, channel, sample));
            default -> throw new IllegalStateException("not a numeric format: " + format);
        }
    }

    private static long integral(double v, long min, long max, StreamDescription d, int channel, int sample) {
        // (double) Long.MAX_VALUE rounds up to 2^63, which is out of range: hence the strict upper comparison.
        if (v != Math.rint(v) || v < min || (max == Long.MAX_VALUE ? v >= 0x1p63 : v > max)) {
            throw new IllegalArgumentException("Stream '" + d.streamKey() + "' (" + d.valueFormat().xdfName()
                    + "): channel " + channel + ", sample " + sample + " has value " + v
                    + ", which is not an integer in [" + min + ", " + max + "].");
        }
        return (long) v;
    }

    private static void element(StringBuilder xml, String tag, String text) {
        xml.append("\n\t<").append(tag).append('>').append(XdfXml.escape(text)).append("</").append(tag).append('>');
    }
}
