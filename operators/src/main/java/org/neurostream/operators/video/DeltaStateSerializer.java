package org.neurostream.operators.video;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.delta.net.DeltaState;
import org.neurostream.streams.flink.typeinfo.RecordSerializer;

/**
 * Serializer of a delta network's memories for Flink state: an int length, then {@link DeltaState#toBytes()} (which
 * carries its own magic and format version, checked on read). Snapshots are never modified after they are taken, so
 * copies are the instance itself.
 */
public final class DeltaStateSerializer extends RecordSerializer<DeltaState> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    @Override
    public TypeSerializer<DeltaState> duplicate() {
        return this;
    }

    @Override
    public DeltaState createInstance() {
        return null;
    }

    @Override
    public void serialize(DeltaState state, DataOutputView out) throws IOException {
        byte[] bytes = state.toBytes();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public DeltaState deserialize(DataInputView in) throws IOException {
        byte[] bytes = new byte[readCount(in, "delta state length", MAX_BYTES)];
        in.readFully(bytes);
        return DeltaState.fromBytes(bytes);
    }

    @Override
    public TypeSerializerSnapshot<DeltaState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the configuration-free serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeltaState> {
        public Snapshot() {
            super(DeltaStateSerializer::new);
        }
    }
}
