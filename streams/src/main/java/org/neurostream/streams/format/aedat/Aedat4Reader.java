package org.neurostream.streams.format.aedat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.neurostream.streams.format.RecordingFormatException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads AEDAT4 event-camera recordings (iniVation DV): the {@code #!AER-DAT4.0\r\n} line, a 32-bit length and the
 * {@code IOHeader} FlatBuffer (compression, data-table position, XML description of the streams), then packets of an
 * 8-byte header (int32 stream id, int32 size) and {@code size} bytes of a size-prefixed FlatBuffer, compressed as the
 * IOHeader says. Polarity-event packets ({@code EVTS}) hold a vector of 16-byte structs: int64 timestamp [µs], int16
 * x, int16 y, bool polarity, 3 padding bytes.
 *
 * <p>Packets are read one at a time from the file, so memory stays bounded by one packet. LZ4 packets are LZ4 frames
 * with linked blocks, decoded by {@link Lz4FrameDecoder}. Compression NONE, LZ4 and
 * LZ4_HIGH are read; a ZSTD file is refused with a message saying so. Anything malformed throws
 * {@link RecordingFormatException} with the file, the byte offset of the packet (or header field) and the problem.
 *
 * <p>Not thread-safe.
 */
public final class Aedat4Reader implements AutoCloseable {
    static final String MAGIC = "#!AER-DAT4.0\r\n";
    private static final int PACKET_HEADER_BYTES = 8;
    private static final int EVENT_BYTES = 16;

    private final Path file;
    private final FileChannel channel;
    private final Aedat4Compression compression;
    private final Map<Integer, Aedat4StreamInfo> streams;
    private final long packetsEnd;
    private final long declaredPacketsEnd;
    private final ByteBuffer packetHeader = ByteBuffer.allocate(PACKET_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long position;

    /**
     * One packet with its payload decompressed.
     *
     * @param streamId the stream the packet belongs to
     * @param byteOffset offset of the packet header in the file
     * @param flatBuffer the size-prefixed FlatBuffer, decompressed, little-endian
     */
    public record Packet(int streamId, long byteOffset, ByteBuffer flatBuffer) {
    }

    private Aedat4Reader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        long fileSize = channel.size();
        byte[] magic = readFully(0, Math.min(MAGIC.length(), (int) fileSize), "the AEDAT4 header line");
        if (!MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
            throw new RecordingFormatException(file, 0, "not an AEDAT4 file: it starts with \""
                    + printable(magic) + "\" instead of \"#!AER-DAT4.0\\r\\n\"");
        }
        long at = MAGIC.length();
        ByteBuffer lenBuf = ByteBuffer.wrap(readFully(at, 4, "the IOHeader length")).order(ByteOrder.LITTLE_ENDIAN);
        int headerSize = lenBuf.getInt();
        if (headerSize <= 8 || at + 4 + headerSize > fileSize) {
            throw new RecordingFormatException(file, at, "IOHeader length " + headerSize + " does not fit in the "
                    + fileSize + "-byte file");
        }
        ByteBuffer header = ByteBuffer.wrap(readFully(at + 4, headerSize, "the IOHeader"));
        FlatBufferView fb = new FlatBufferView(header);
        String id = fb.identifier(0);
        if (!"IOHE".equals(id)) {
            throw new RecordingFormatException(file, at + 4, "IOHeader has identifier \"" + printable(
                    id.getBytes(StandardCharsets.ISO_8859_1)) + "\" instead of \"IOHE\"");
        }
        String infoXml;
        int code;
        long dataTable;
        try {
            int table = fb.rootTable(0);
            code = fb.intField(table, 0, 0);
            dataTable = fb.longField(table, 1, -1L);
            infoXml = fb.stringField(table, 2);
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            throw new RecordingFormatException(file, at + 4, "IOHeader FlatBuffer is corrupt: " + e.getMessage(), e);
        }
        this.compression = Aedat4Compression.ofCode(code);
        if (compression == null) {
            throw new RecordingFormatException(file, at + 4, "unknown compression code " + code
                    + " (known: 0 NONE, 1 LZ4, 2 LZ4_HIGH, 3 ZSTD, 4 ZSTD_HIGH)");
        }
        if (compression == Aedat4Compression.ZSTD || compression == Aedat4Compression.ZSTD_HIGH) {
            throw new RecordingFormatException(file, at + 4, compression + " compression is not supported; "
                    + "re-export the recording with LZ4 or no compression");
        }
        if (infoXml == null || infoXml.isBlank()) {
            throw new RecordingFormatException(file, at + 4, "IOHeader has no stream description (infoNode)");
        }
        this.streams = parseStreams(infoXml, at + 4);
        this.position = at + 4 + headerSize;
        if (dataTable >= 0 && dataTable < position) {
            throw new RecordingFormatException(file, at + 4, "data table position " + dataTable
                    + " lies inside the header, before the first packet at " + position);
        }
        // A data table beyond the end means the file was cut: read the packets that are there, then report it.
        this.declaredPacketsEnd = dataTable >= 0 ? dataTable : fileSize;
        this.packetsEnd = Math.min(declaredPacketsEnd, fileSize);
    }

    /** Opens an AEDAT4 file and reads its header. */
    public static Aedat4Reader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new Aedat4Reader(file, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public Aedat4Compression compression() {
        return compression;
    }

    /** The streams the header declares, by ascending id. */
    public List<Aedat4StreamInfo> streams() {
        return List.copyOf(streams.values());
    }

    /** The first polarity-event stream, if the file has one. */
    public Optional<Aedat4StreamInfo> eventStream() {
        return streams.values().stream().filter(Aedat4StreamInfo::isEvents).findFirst();
    }

    /** Byte offset of the next packet header. */
    public long position() {
        return position;
    }

    /** The next packet of any stream, decompressed, or {@code null} after the last packet. */
    public Packet nextPacket() throws IOException {
        if (position >= packetsEnd) {
            if (declaredPacketsEnd > packetsEnd) {
                throw new RecordingFormatException(file, position, "the file ends here but its header places the "
                        + "packet data table at byte " + declaredPacketsEnd + "; the file is truncated");
            }
            return null;
        }
        long at = position;
        if (at + PACKET_HEADER_BYTES > packetsEnd) {
            throw new RecordingFormatException(file, at, "packet header cut off: only " + (packetsEnd - at)
                    + " of 8 bytes remain; the file is truncated");
        }
        packetHeader.clear();
        readInto(packetHeader, at);
        int streamId = packetHeader.getInt(0);
        int size = packetHeader.getInt(4);
        Aedat4StreamInfo info = streams.get(streamId);
        if (info == null) {
            throw new RecordingFormatException(file, at, "packet of stream " + streamId
                    + ", which the header does not declare (declared: " + streams.keySet() + ")");
        }
        if (size <= 0 || at + PACKET_HEADER_BYTES + size > packetsEnd) {
            throw new RecordingFormatException(file, at, "packet of stream " + streamId + " declares " + size
                    + " bytes but " + (packetsEnd - at - PACKET_HEADER_BYTES) + " remain; the file is truncated or "
                    + "the packet header is corrupt");
        }
        byte[] stored = readFully(at + PACKET_HEADER_BYTES, size, "a packet");
        byte[] flat = compression == Aedat4Compression.NONE ? stored : decompressLz4(stored, at, streamId);
        position = at + PACKET_HEADER_BYTES + size;
        return new Packet(streamId, at, ByteBuffer.wrap(flat).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * The next packet of polarity events of stream {@code streamId}, skipping packets of other streams, or
     * {@code null} after the last packet.
     */
    public PolarityEvents nextEvents(int streamId) throws IOException {
        Aedat4StreamInfo info = streams.get(streamId);
        if (info == null || !info.isEvents()) {
            throw new IllegalArgumentException(file + ": stream " + streamId + " is not a polarity-event stream; "
                    + "streams: " + streams.values());
        }
        Packet p;
        while ((p = nextPacket()) != null) {
            if (p.streamId() == streamId) {
                return decodeEvents(p, info);
            }
        }
        return null;
    }

    private PolarityEvents decodeEvents(Packet p, Aedat4StreamInfo info) throws RecordingFormatException {
        ByteBuffer b = p.flatBuffer();
        try {
            int declared = b.getInt(0);
            if (declared + 4 > b.limit() || declared < 8) {
                throw new RecordingFormatException(file, p.byteOffset(), "event packet declares a " + declared
                        + "-byte FlatBuffer but decompresses to " + (b.limit() - 4));
            }
            FlatBufferView fb = new FlatBufferView(b);
            String id = fb.identifier(4);
            if (!info.typeIdentifier().equals(id)) {
                throw new RecordingFormatException(file, p.byteOffset(), "packet of stream " + info.streamId()
                        + " holds a \"" + printable(id.getBytes(StandardCharsets.ISO_8859_1)) + "\" FlatBuffer but the "
                        + "header declares " + info.typeIdentifier());
            }
            int table = fb.rootTable(4);
            int start = fb.vector(table, 0);
            int n = start < 0 ? 0 : fb.vectorLength(start);
            if (start >= 0 && (long) start + (long) n * EVENT_BYTES > b.limit()) {
                throw new RecordingFormatException(file, p.byteOffset(), "event vector of " + n
                        + " events runs past the end of the " + b.limit() + "-byte packet");
            }
            long[] t = new long[n];
            short[] x = new short[n];
            short[] y = new short[n];
            boolean[] on = new boolean[n];
            for (int i = 0; i < n; i++) {
                int e = start + i * EVENT_BYTES;
                t[i] = b.getLong(e);
                x[i] = b.getShort(e + 8);
                y[i] = b.getShort(e + 10);
                on[i] = b.get(e + 12) != 0;
                if (info.width() > 0 && (x[i] < 0 || x[i] >= info.width() || y[i] < 0 || y[i] >= info.height())) {
                    throw new RecordingFormatException(file, p.byteOffset(), "event " + i + " of the packet lies at ("
                            + x[i] + ", " + y[i] + "), outside the " + info.width() + "x" + info.height() + " sensor");
                }
            }
            return new PolarityEvents(info.streamId(), t, x, y, on);
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            throw new RecordingFormatException(file, p.byteOffset(), "event packet FlatBuffer is corrupt: "
                    + e.getMessage(), e);
        }
    }

    private byte[] decompressLz4(byte[] stored, long at, int streamId) throws RecordingFormatException {
        try {
            return Lz4FrameDecoder.decode(stored, stored.length);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new RecordingFormatException(file, at, "LZ4 data of the packet of stream " + streamId
                    + " is corrupt: " + e.getMessage(), e);
        }
    }

    private Map<Integer, Aedat4StreamInfo> parseStreams(String xml, long at) throws RecordingFormatException {
        Map<Integer, Aedat4StreamInfo> result = new TreeMap<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            for (Element outInfo : children(root, "node")) {
                if (!"outInfo".equals(outInfo.getAttribute("name"))) {
                    continue;
                }
                for (Element node : children(outInfo, "node")) {
                    int id = Integer.parseInt(node.getAttribute("name"));
                    Element info = children(node, "node").stream()
                            .filter(n -> "info".equals(n.getAttribute("name"))).findFirst().orElse(node);
                    result.put(id, new Aedat4StreamInfo(id, attr(node, "typeIdentifier", ""),
                            attr(node, "originalOutputName", ""), Integer.parseInt(attr(info, "sizeX", "0")),
                            Integer.parseInt(attr(info, "sizeY", "0")), attr(info, "source", "")));
                }
            }
        } catch (Exception e) {
            throw new RecordingFormatException(file, at, "IOHeader stream description is not valid XML: "
                    + e.getMessage(), e);
        }
        if (result.isEmpty()) {
            throw new RecordingFormatException(file, at, "IOHeader stream description declares no stream");
        }
        return result;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && tag.equals(e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String attr(Element node, String key, String fallback) {
        for (Element a : children(node, "attr")) {
            if (key.equals(a.getAttribute("key"))) {
                return a.getTextContent().trim();
            }
        }
        return fallback;
    }

    private byte[] readFully(long at, int length, String what) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        readInto(buf, at);
        if (buf.hasRemaining()) {
            throw new RecordingFormatException(file, at, what + " is cut off: " + buf.position() + " of " + length
                    + " bytes present; the file is truncated");
        }
        return buf.array();
    }

    private void readInto(ByteBuffer buf, long at) throws IOException {
        long p = at;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
