package org.neurostream.streams.flink.typeinfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * Serializes {@link StreamDescription}s.
 *
 * <p>Format {@link #VERSION_1}: stream key, name, type, source id (each a Flink {@code StringValue}), int channel
 * count, double nominal rate (Hz), value format by its XDF name ({@code StringValue}, so that reordering the enum
 * cannot change meaning), int number of channel entries, then per entry label, unit and type.
 */
public final class StreamDescriptionSerializer extends RecordSerializer<StreamDescription> {
    private static final long serialVersionUID = 1L;

    /** The first and current format, described in the class Javadoc. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    /** More channels than any EEG or electrophysiology device has; bounds allocation on corrupt bytes. */
    static final int MAX_CHANNELS = 1 << 20;

    @Override
    public TypeSerializer<StreamDescription> duplicate() {
        return new StreamDescriptionSerializer();
    }

    @Override
    public StreamDescription createInstance() {
        return new StreamDescription("", "", "", "", 1, StreamDescription.IRREGULAR_RATE, ValueFormat.DOUBLE64,
                List.of());
    }

    @Override
    public void serialize(StreamDescription d, DataOutputView out) throws IOException {
        writeString(d.streamKey(), out);
        writeString(d.name(), out);
        writeString(d.type(), out);
        writeString(d.sourceId(), out);
        out.writeInt(d.channelCount());
        out.writeDouble(d.nominalRateHz());
        writeString(d.valueFormat().xdfName(), out);
        out.writeInt(d.channels().size());
        for (ChannelInfo c : d.channels()) {
            writeString(c.label(), out);
            writeString(c.unit(), out);
            writeString(c.type(), out);
        }
    }

    @Override
    public StreamDescription deserialize(DataInputView in) throws IOException {
        String key = readString(in, "stream key");
        String name = readString(in, "name");
        String type = readString(in, "type");
        String sourceId = readString(in, "source id");
        int channelCount = in.readInt();
        double rate = in.readDouble();
        String format = readString(in, "value format");
        int described = readCount(in, "number of channel entries", MAX_CHANNELS);
        List<ChannelInfo> channels = new ArrayList<>(described);
        for (int i = 0; i < described; i++) {
            channels.add(new ChannelInfo(readString(in, "channel label"), readString(in, "channel unit"),
                    readString(in, "channel type")));
        }
        try {
            return new StreamDescription(key, name, type, sourceId, channelCount, rate,
                    ValueFormat.fromXdfName(format), channels);
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt serialized stream description: " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializerSnapshot<StreamDescription> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of {@link StreamDescriptionSerializer}: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<StreamDescription> {
        public Snapshot() {
            super();
        }

        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<StreamDescription> serializerForVersion(int version) {
            return new StreamDescriptionSerializer();
        }
    }
}
