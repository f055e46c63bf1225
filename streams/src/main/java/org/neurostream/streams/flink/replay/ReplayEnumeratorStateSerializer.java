package org.neurostream.streams.flink.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Serializes {@link ReplayEnumeratorState}.
 *
 * <p>Version {@link #VERSION_1}: boolean discovered, int split count, then per split the {@link ReplaySplitSerializer}
 * version (int), the byte length (int) and the bytes. Unknown versions, impossible counts and trailing bytes are
 * rejected.
 */
public final class ReplayEnumeratorStateSerializer implements SimpleVersionedSerializer<ReplayEnumeratorState> {

    /** The first format, described in the class Javadoc. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    private final ReplaySplitSerializer splits = new ReplaySplitSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(ReplayEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(state.discovered());
            out.writeInt(state.unassigned().size());
            for (ReplaySplit split : state.unassigned()) {
                byte[] b = splits.serialize(split);
                out.writeInt(splits.getVersion());
                out.writeInt(b.length);
                out.write(b);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public ReplayEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown replay enumerator state version " + version
                    + "; this build reads version " + VERSION_1 + " only.");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            boolean discovered = in.readBoolean();
            int count = in.readInt();
            // Each split takes at least 4 + 4 + 18 bytes, which bounds the count by the input length.
            if (count < 0 || count > serialized.length / 26) {
                throw new IOException("Corrupt replay enumerator state: " + count + " splits in "
                        + serialized.length + " bytes.");
            }
            List<ReplaySplit> unassigned = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int splitVersion = in.readInt();
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IOException("Corrupt replay enumerator state: split " + i + " claims " + length
                            + " bytes but " + in.available() + " remain.");
                }
                byte[] b = new byte[length];
                in.readFully(b);
                unassigned.add(splits.deserialize(splitVersion, b));
            }
            if (in.available() > 0) {
                throw new IOException("Corrupt replay enumerator state: " + in.available()
                        + " trailing bytes after " + count + " splits.");
            }
            return new ReplayEnumeratorState(discovered, unassigned);
        }
    }
}
