package org.neurostream.streams.flink.lsl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.neurostream.streams.flink.typeinfo.StreamDescriptionSerializer;

/**
 * Serializes {@link LslSplit}s for checkpoints and for the enumerator-to-reader transfer.
 *
 * <p>Version {@link #VERSION_1}: the description in {@link StreamDescriptionSerializer}'s current format, then the
 * host name ({@link DataOutputStream#writeUTF}). Unknown versions and trailing bytes are rejected.
 */
public final class LslSplitSerializer implements SimpleVersionedSerializer<LslSplit> {
    /** The first format, described in the class Javadoc. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    private final StreamDescriptionSerializer descriptions = new StreamDescriptionSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(LslSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public LslSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            LslSplit split = read(in);
            if (in.available() > 0) {
                throw new IOException("Corrupt LSL split: " + in.available() + " trailing bytes after " + split
                        + ".");
            }
            return split;
        }
    }

    void write(LslSplit split, DataOutputStream out) throws IOException {
        descriptions.serialize(split.description(), new DataOutputViewStreamWrapper(out));
        out.writeUTF(split.hostname());
    }

    LslSplit read(DataInputStream in) throws IOException {
        try {
            return new LslSplit(descriptions.deserialize(new DataInputViewStreamWrapper(in)), in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt LSL split: " + e.getMessage(), e);
        }
    }

    static void checkVersion(int version) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown LSL split version " + version + "; this build reads version "
                    + VERSION_1 + " only.");
        }
    }
}
