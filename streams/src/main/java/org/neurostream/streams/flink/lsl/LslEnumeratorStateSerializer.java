package org.neurostream.streams.flink.lsl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Serializes the {@link LslEnumeratorState}.
 *
 * <p>Version {@link #VERSION_1}: int count + that many assigned split ids ({@link DataOutputStream#writeUTF}); int
 * count + that many pending splits, each in {@link LslSplitSerializer#VERSION_1} layout. Unknown versions, negative
 * counts and trailing bytes are rejected.
 */
public final class LslEnumeratorStateSerializer implements SimpleVersionedSerializer<LslEnumeratorState> {
    /** The first format, described in the class Javadoc. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    private final LslSplitSerializer splits = new LslSplitSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(LslEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.assignedSplitIds().size());
            for (String id : state.assignedSplitIds()) {
                out.writeUTF(id);
            }
            out.writeInt(state.pendingSplits().size());
            for (LslSplit split : state.pendingSplits()) {
                splits.write(split, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public LslEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown LSL enumerator state version " + version + "; this build reads version "
                    + VERSION_1 + " only.");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int assignedCount = count(in, "assigned split ids");
            Set<String> assigned = new HashSet<>();
            for (int i = 0; i < assignedCount; i++) {
                assigned.add(in.readUTF());
            }
            int pendingCount = count(in, "pending splits");
            List<LslSplit> pending = new ArrayList<>();
            for (int i = 0; i < pendingCount; i++) {
                pending.add(splits.read(in));
            }
            if (in.available() > 0) {
                throw new IOException("Corrupt LSL enumerator state: " + in.available() + " trailing bytes.");
            }
            return new LslEnumeratorState(assigned, pending);
        }
    }

    private static int count(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("Corrupt LSL enumerator state: " + n + " " + what + ".");
        }
        return n;
    }
}
