package org.neurostream.streams.flink.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Serializes {@link ReplaySplit}s for checkpoints and for the enumerator-to-reader transfer.
 *
 * <p>Version {@link #VERSION_1}: file path (modified UTF-8, {@link DataOutputStream#writeUTF}), int file index, int
 * stream index, long position. Unknown versions and trailing bytes are rejected.
 */
public final class ReplaySplitSerializer implements SimpleVersionedSerializer<ReplaySplit> {

    /** The first format, described in the class Javadoc. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(ReplaySplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + split.file().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(split.file());
            out.writeInt(split.fileIndex());
            out.writeInt(split.streamIndex());
            out.writeLong(split.position());
        }
        return bytes.toByteArray();
    }

    @Override
    public ReplaySplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown replay split version " + version + "; this build reads version "
                    + VERSION_1 + " only.");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            ReplaySplit split;
            try {
                split = new ReplaySplit(in.readUTF(), in.readInt(), in.readInt(), in.readLong());
            } catch (IllegalArgumentException e) {
                throw new IOException("Corrupt replay split: " + e.getMessage(), e);
            }
            if (in.available() > 0) {
                throw new IOException("Corrupt replay split: " + in.available() + " trailing bytes after "
                        + split + ".");
            }
            return split;
        }
    }
}
