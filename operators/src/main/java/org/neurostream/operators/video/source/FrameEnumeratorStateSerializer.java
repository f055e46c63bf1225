package org.neurostream.operators.video.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Serializes the enumerator's state, the splits not yet assigned.
 *
 * <p>Version {@link #VERSION_1}: int count, then each split as in {@link FrameSplitSerializer} version 1. Unknown
 * versions, impossible counts and trailing bytes are rejected.
 */
public final class FrameEnumeratorStateSerializer implements SimpleVersionedSerializer<List<FrameSplit>> {
    public static final int VERSION_1 = 1;
    /** Smallest serialized split: int + byte + empty UTF (2) + long. */
    private static final int MIN_SPLIT_BYTES = 15;

    @Override
    public int getVersion() {
        return VERSION_1;
    }

    @Override
    public byte[] serialize(List<FrameSplit> splits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(splits.size());
            for (FrameSplit s : splits) {
                FrameSplitSerializer.write(s, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public List<FrameSplit> deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown frame enumerator state version " + version + "; this build reads version "
                    + VERSION_1 + " only.");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int count = in.readInt();
            if (count < 0 || count > serialized.length / MIN_SPLIT_BYTES) {
                throw new IOException("Corrupt frame enumerator state: " + count + " splits in " + serialized.length
                        + " bytes.");
            }
            List<FrameSplit> splits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                splits.add(FrameSplitSerializer.read(in));
            }
            if (in.available() > 0) {
                throw new IOException("Corrupt frame enumerator state: " + in.available() + " trailing bytes.");
            }
            return splits;
        }
    }
}
