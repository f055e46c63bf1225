package org.neurostream.operators.video;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.delta.metrics.LayerStepMetrics;
import org.neurostream.delta.metrics.StepMetrics;
import org.neurostream.streams.flink.typeinfo.RecordSerializer;
import org.neurostream.video.delta.FrameDeltaMetrics;

/**
 * Serializer of {@link FrameDeltaMetrics}. Version 1: stream key (UTF), long frame index, double presentation time
 * [s], int layer count; per layer: int index, kind (UTF), then six longs: delta inputs, non-zero deltas, outputs, zero
 * outputs, dense MACs, effective MACs.
 */
public final class FrameDeltaMetricsSerializer extends RecordSerializer<FrameDeltaMetrics> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_LAYERS = 4096;

    @Override
    public TypeSerializer<FrameDeltaMetrics> duplicate() {
        return this;
    }

    @Override
    public FrameDeltaMetrics createInstance() {
        return new FrameDeltaMetrics("", 0, 0, new StepMetrics(List.of()));
    }

    @Override
    public void serialize(FrameDeltaMetrics v, DataOutputView out) throws IOException {
        out.writeUTF(v.streamKey());
        out.writeLong(v.frameIndex());
        out.writeDouble(v.presentationTimeSeconds());
        List<LayerStepMetrics> layers = v.metrics().layers();
        out.writeInt(layers.size());
        for (LayerStepMetrics m : layers) {
            out.writeInt(m.layerIndex());
            out.writeUTF(m.kind());
            out.writeLong(m.deltaInputs());
            out.writeLong(m.nonZeroDeltas());
            out.writeLong(m.outputs());
            out.writeLong(m.zeroOutputs());
            out.writeLong(m.denseMacs());
            out.writeLong(m.effectiveMacs());
        }
    }

    @Override
    public FrameDeltaMetrics deserialize(DataInputView in) throws IOException {
        String key = in.readUTF();
        long index = in.readLong();
        double time = in.readDouble();
        int n = readCount(in, "layer count of " + key, MAX_LAYERS);
        List<LayerStepMetrics> layers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            layers.add(new LayerStepMetrics(in.readInt(), in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong()));
        }
        return new FrameDeltaMetrics(key, index, time, new StepMetrics(layers));
    }

    @Override
    public TypeSerializerSnapshot<FrameDeltaMetrics> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the configuration-free serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FrameDeltaMetrics> {
        public Snapshot() {
            super(FrameDeltaMetricsSerializer::new);
        }
    }
}
