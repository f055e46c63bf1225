package org.neurostream.streams.format.xdf;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the XDF 1.0 container format shared by {@link XdfReader} and {@link XdfWriter}.
 *
 * <p>A file is the magic {@code XDF:} followed by chunks: {@code [NumLengthBytes: 1, 4 or 8][Length, little-endian,
 * counting tag and content][Tag: uint16][Content]}. Stream-related chunks (tags 2, 3, 4, 6) start their content with
 * a uint32 stream id.
 */
final class XdfFormat {
    static final byte[] MAGIC = "XDF:".getBytes(StandardCharsets.US_ASCII);

    static final int TAG_FILE_HEADER = 1;
    static final int TAG_STREAM_HEADER = 2;
    static final int TAG_SAMPLES = 3;
    static final int TAG_CLOCK_OFFSET = 4;
    static final int TAG_BOUNDARY = 5;
    static final int TAG_STREAM_FOOTER = 6;

    /** Bytes of the tag field. */
    static final int TAG_BYTES = 2;
    /** Bytes of the stream id that starts the content of chunks with tags 2, 3, 4 and 6. */
    static final int STREAM_ID_BYTES = 4;
    /** Content of a ClockOffset chunk after the stream id: collection time and offset, two float64. */
    static final int CLOCK_OFFSET_VALUE_BYTES = 16;

    /** The 16-byte UUID that is the content of every Boundary chunk, so a reader can resynchronize after damage. */
    static final byte[] BOUNDARY_SIGNATURE = {
        0x43, (byte) 0xA5, 0x46, (byte) 0xDC, (byte) 0xCB, (byte) 0xF5, 0x41, 0x0F,
        (byte) 0xB3, 0x0E, (byte) 0xD5, 0x46, 0x73, (byte) 0x83, (byte) 0xCB, (byte) 0xE4};

    private XdfFormat() {
    }

    static String tagName(int tag) {
        return switch (tag) {
            case TAG_FILE_HEADER -> "FileHeader";
            case TAG_STREAM_HEADER -> "StreamHeader";
            case TAG_SAMPLES -> "Samples";
            case TAG_CLOCK_OFFSET -> "ClockOffset";
            case TAG_BOUNDARY -> "Boundary";
            case TAG_STREAM_FOOTER -> "StreamFooter";
            default -> "unknown tag " + tag;
        };
    }
}
