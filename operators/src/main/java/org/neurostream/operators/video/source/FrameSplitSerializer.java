package org.neurostream.operators.video.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Serializes {@link FrameSplit}s for checkpoints and for the enumerator-to-reader transfer.
 *
 * <p>Version {@link #VERSION_1}: int number, byte kind ordinal, location (modified UTF-8), long next frame index.
 * Unknown versions, unknown kinds and trailing bytes are rejected.
 */
public final class FrameSplitSerializer implements SimpleVersionedSerializer<FrameSplit> {
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(FrameSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + split.location().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    static void write(FrameSplit split, DataOutputStream out) throws IOException {
        out.writeInt(split.number());
        out.writeByte(split.kind().ordinal());
        out.writeUTF(split.location());
        out.writeLong(split.nextFrameIndex());
    }

    static FrameSplit read(DataInputStream in) throws IOException {
        int number = in.readInt();
        int kind = in.readByte();
        FrameSplit.Kind[] kinds = FrameSplit.Kind.values();
        if (kind < 0 || kind >= kinds.length) {
            throw new IOException("Corrupt frame split: kind " + kind + "; expected 0 to " + (kinds.length - 1) + ".");
        }
        try {
            return new FrameSplit(number, kinds[kind], in.readUTF(), in.readLong());
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt frame split: " + e.getMessage(), e);
        }
    }

    @Override
    public FrameSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown frame split version " + version + "; this build reads version " + VERSION_1
                    + " only.");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            FrameSplit split = read(in);
            if (in.available() > 0) {
                throw new IOException("Corrupt frame split: " + in.available() + " trailing bytes after " + split + ".");
            }
            return split;
        }
    }
}
