package org.neurostream.operators.video;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.RecordSerializer;
import org.neurostream.video.delta.FrameInference;

/**
 * Serializer of {@link FrameInference}. Version 1: stream key (UTF), long frame index, double presentation time [s],
 * int output count, the outputs as floats.
 */
public final class FrameInferenceSerializer extends RecordSerializer<FrameInference> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_OUTPUTS = 1 << 24;

    @Override
    public TypeSerializer<FrameInference> duplicate() {
        return this;
    }

    @Override
    public FrameInference createInstance() {
        return new FrameInference("", 0, 0, new float[0]);
    }

    @Override
    public void serialize(FrameInference v, DataOutputView out) throws IOException {
        out.writeUTF(v.streamKey());
        out.writeLong(v.frameIndex());
        out.writeDouble(v.presentationTimeSeconds());
        out.writeInt(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.writeFloat(v.output(i));
        }
    }

    @Override
    public FrameInference deserialize(DataInputView in) throws IOException {
        String key = in.readUTF();
        long index = in.readLong();
        double time = in.readDouble();
        float[] outputs = new float[readCount(in, "output count of " + key, MAX_OUTPUTS)];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = in.readFloat();
        }
        return new FrameInference(key, index, time, outputs);
    }

    @Override
    public TypeSerializerSnapshot<FrameInference> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the configuration-free serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FrameInference> {
        public Snapshot() {
            super(FrameInferenceSerializer::new);
        }
    }
}
