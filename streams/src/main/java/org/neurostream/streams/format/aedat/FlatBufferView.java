package org.neurostream.streams.format.aedat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the FlatBuffers wire format to read AEDAT4's tables: little-endian, a root {@code uoffset} at the
 * start, tables that point back to a vtable of 16-bit field offsets (0 = field absent), vectors and strings as a
 * 32-bit length followed by the elements. Every read is bounds-checked against the buffer, so a corrupt buffer gives
 * an {@link IndexOutOfBoundsException} or {@link IllegalStateException} rather than garbage.
 */
final class FlatBufferView {
    private final ByteBuffer buf;

    FlatBufferView(ByteBuffer buf) {
        this.buf = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Position of the root table, whose {@code uoffset} is at {@code start}. */
    int rootTable(int start) {
        return checked(start + buf.getInt(start), "root table");
    }

    /** The 4-character file identifier just after the root offset at {@code start}. */
    String identifier(int start) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = buf.get(start + 4 + i);
        }
        return new String(id, StandardCharsets.US_ASCII);
    }

    /** Absolute position of field {@code fieldIndex} of the table at {@code table}, or -1 when it is absent. */
    int field(int table, int fieldIndex) {
        int vtable = checked(table - buf.getInt(table), "vtable");
        int vtableSize = Short.toUnsignedInt(buf.getShort(vtable));
        int entry = 4 + 2 * fieldIndex;
        if (entry + 2 > vtableSize) {
            return -1;
        }
        int offset = Short.toUnsignedInt(buf.getShort(vtable + entry));
        return offset == 0 ? -1 : table + offset;
    }

    int intField(int table, int fieldIndex, int defaultValue) {
        int at = field(table, fieldIndex);
        return at < 0 ? defaultValue : buf.getInt(at);
    }

    long longField(int table, int fieldIndex, long defaultValue) {
        int at = field(table, fieldIndex);
        return at < 0 ? defaultValue : buf.getLong(at);
    }

    /** Position of the first element of the vector field, or -1 when absent; its length via {@link #vectorLength}. */
    int vector(int table, int fieldIndex) {
        int at = field(table, fieldIndex);
        if (at < 0) {
            return -1;
        }
        int vec = checked(at + buf.getInt(at), "vector");
        return vec + 4;
    }

    int vectorLength(int vectorStart) {
        int n = buf.getInt(vectorStart - 4);
        if (n < 0) {
            throw new IllegalStateException("negative vector length " + n);
        }
        return n;
    }

    String stringField(int table, int fieldIndex) {
        int start = vector(table, fieldIndex);
        if (start < 0) {
            return null;
        }
        int n = vectorLength(start);
        checked(start + n, "string end");
        byte[] bytes = new byte[n];
        buf.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    ByteBuffer buffer() {
        return buf;
    }

    private int checked(int position, String what) {
        if (position < 0 || position > buf.limit()) {
            throw new IndexOutOfBoundsException(what + " at " + position + " lies outside the " + buf.limit()
                    + "-byte buffer");
        }
        return position;
    }
}
