package org.neurostream.streams.format.xdf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds small XDF byte sequences chunk by chunk, for tests of damaged and unusual files. */
final class XdfBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static XdfBytes withMagic() {
        XdfBytes b = new XdfBytes();
        b.raw(XdfFormat.MAGIC);
        return b;
    }

    /** Current length: the offset where the next chunk starts. */
    int position() {
        return out.size();
    }

    XdfBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A chunk with a 4-byte length field; {@code streamId < 0} for chunks without one. */
    XdfBytes chunk(int tag, long streamId, byte[] content) {
        int idBytes = streamId >= 0 ? 4 : 0;
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 2 + idBytes + content.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 4).putInt(2 + idBytes + content.length).putShort((short) tag);
        if (streamId >= 0) {
            b.putInt((int) streamId);
        }
        b.put(content);
        return raw(b.array());
    }

    XdfBytes xmlChunk(int tag, long streamId, String xml) {
        return chunk(tag, streamId, xml.getBytes(StandardCharsets.UTF_8));
    }

    XdfBytes fileHeader() {
        return xmlChunk(XdfFormat.TAG_FILE_HEADER, -1, "<?xml version=\"1.0\"?><info><version>1.0</version></info>");
    }

    XdfBytes streamHeader(long streamId, String format, int channels, double rate) {
        return xmlChunk(XdfFormat.TAG_STREAM_HEADER, streamId, "<?xml version=\"1.0\"?><info><name>s" + streamId
                + "</name><type>EEG</type><channel_count>" + channels + "</channel_count><nominal_srate>" + rate
                + "</nominal_srate><channel_format>" + format + "</channel_format></info>");
    }

    /** A Samples chunk of float32 samples, each with its timestamp. */
    XdfBytes float32Samples(long streamId, double[] timestamps, float[][] values) {
        ByteBuffer b = ByteBuffer.allocate(2 + timestamps.length * (9 + 4 * values[0].length))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put((byte) timestamps.length);
        for (int s = 0; s < timestamps.length; s++) {
            b.put((byte) 8).putDouble(timestamps[s]);
            for (float v : values[s]) {
                b.putFloat(v);
            }
        }
        return chunk(XdfFormat.TAG_SAMPLES, streamId, b.array());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
