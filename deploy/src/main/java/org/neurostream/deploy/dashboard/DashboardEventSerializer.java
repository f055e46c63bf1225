package org.neurostream.deploy.dashboard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.neurostream.streams.flink.typeinfo.RecordSerializer;
import org.neurostream.streams.flink.typeinfo.RecordTypeInfo;
import org.neurostream.streams.flink.typeinfo.VersionedSerializerSnapshot;

/**
 * Serializes {@link DashboardEvent}s between the dashboard taps and the dashboard operator.
 *
 * <p>Format {@link #VERSION_1}: one tag byte (the variant, see {@code TAG_*}), then the variant's fields in declaration
 * order: strings as Flink {@code StringValue}, a nullable string as a boolean then the string, arrays and lists as an
 * int count then the elements, doubles and longs big-endian.
 */
public final class DashboardEventSerializer extends RecordSerializer<DashboardEvent> {
    private static final long serialVersionUID = 1L;

    /** The first and current format, described in the class Javadoc. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    /** Flink type information of dashboard events. */
    public static final TypeInformation<DashboardEvent> TYPE =
            RecordTypeInfo.of(DashboardEvent.class, new DashboardEventSerializer());

    private static final byte TAG_SIGNAL = 1;
    private static final byte TAG_CUE = 2;
    private static final byte TAG_BAND_POWER = 3;
    private static final byte TAG_DECISION = 4;
    private static final byte TAG_FRAME = 5;
    private static final byte TAG_SPARSITY = 6;
    private static final byte TAG_HEALTH = 7;
    private static final byte TAG_DESCRIBED = 8;
    /** Bounds on counts read back, so corrupt bytes cannot allocate without limit. */
    private static final int MAX_VALUES = 1 << 26;
    private static final int MAX_NAMES = 1 << 16;

    @Override
    public TypeSerializer<DashboardEvent> duplicate() {
        return new DashboardEventSerializer();
    }

    @Override
    public DashboardEvent createInstance() {
        return new DashboardEvent.Cue("", 0, "");
    }

    @Override
    public void serialize(DashboardEvent event, DataOutputView out) throws IOException {
        if (event instanceof DashboardEvent.Signal s) {
            out.writeByte(TAG_SIGNAL);
            writeString(s.stream(), out);
            out.writeDouble(s.t0Seconds());
            out.writeDouble(s.rateHz());
            out.writeInt(s.channels());
            out.writeInt(s.values().length);
            writeDoubles(s.values(), 0, s.values().length, out);
            out.writeBoolean(s.filtered());
            writeInts(s.badChannels(), out);
        } else if (event instanceof DashboardEvent.Cue c) {
            out.writeByte(TAG_CUE);
            writeString(c.stream(), out);
            out.writeDouble(c.timestampSeconds());
            writeString(c.label(), out);
        } else if (event instanceof DashboardEvent.BandPowerDb b) {
            out.writeByte(TAG_BAND_POWER);
            writeString(b.stream(), out);
            out.writeDouble(b.lowHz());
            out.writeDouble(b.highHz());
            out.writeInt(b.valuesDb().length);
            writeDoubles(b.valuesDb(), 0, b.valuesDb().length, out);
        } else if (event instanceof DashboardEvent.Decision d) {
            out.writeByte(TAG_DECISION);
            writeString(d.session(), out);
            out.writeLong(d.trial());
            out.writeDouble(d.timestampSeconds());
            writeStrings(d.classNames(), out);
            out.writeInt(d.probabilities().length);
            writeDoubles(d.probabilities(), 0, d.probabilities().length, out);
            writeString(d.predicted(), out);
            out.writeBoolean(d.label() != null);
            if (d.label() != null) {
                writeString(d.label(), out);
            }
            out.writeDouble(d.accuracy());
            out.writeDouble(d.kappa());
            out.writeDouble(d.latencyMs());
        } else if (event instanceof DashboardEvent.FrameImage f) {
            out.writeByte(TAG_FRAME);
            writeString(f.stream(), out);
            out.writeLong(f.frameIndex());
            out.writeDouble(f.timestampSeconds());
            out.writeInt(f.width());
            out.writeInt(f.height());
            out.writeInt(f.channels());
            out.writeInt(f.pixels().length);
            out.write(f.pixels());
        } else if (event instanceof DashboardEvent.Sparsity s) {
            out.writeByte(TAG_SPARSITY);
            writeString(s.stream(), out);
            out.writeLong(s.frameIndex());
            writeStrings(s.layerNames(), out);
            writeDoubles(s.sparsity(), 0, s.sparsity().length, out);
            for (long m : s.effectiveMacs()) {
                out.writeLong(m);
            }
            for (long m : s.denseMacs()) {
                out.writeLong(m);
            }
        } else if (event instanceof DashboardEvent.Described d) {
            out.writeByte(TAG_DESCRIBED);
            writeString(d.stream(), out);
            writeString(d.name(), out);
            writeString(d.type(), out);
            out.writeDouble(d.nominalRateHz());
            writeStrings(d.labels(), out);
        } else if (event instanceof DashboardEvent.Health h) {
            out.writeByte(TAG_HEALTH);
            writeString(h.stream(), out);
            out.writeDouble(h.rateHz());
            out.writeDouble(h.nominalRateHz());
            out.writeInt(h.channels());
            out.writeLong(h.gaps());
            out.writeDouble(h.latencyMs());
            out.writeBoolean(h.ended());
        } else {
            throw new IllegalArgumentException("Unknown dashboard event " + event);
        }
    }

    @Override
    public DashboardEvent deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        try {
            return switch (tag) {
                case TAG_SIGNAL -> {
                    String stream = readString(in, "stream key");
                    double t0 = in.readDouble();
                    double rate = in.readDouble();
                    int channels = in.readInt();
                    double[] values = readDoubles(readCount(in, "signal value count", MAX_VALUES), in);
                    boolean filtered = in.readBoolean();
                    yield new DashboardEvent.Signal(stream, t0, rate, channels, values, filtered, readInts(in));
                }
                case TAG_CUE -> new DashboardEvent.Cue(readString(in, "stream key"), in.readDouble(),
                        readString(in, "marker label"));
                case TAG_BAND_POWER -> {
                    String stream = readString(in, "stream key");
                    double lo = in.readDouble();
                    double hi = in.readDouble();
                    yield new DashboardEvent.BandPowerDb(stream, lo, hi,
                            readDoubles(readCount(in, "band power count", MAX_VALUES), in));
                }
                case TAG_DECISION -> {
                    String session = readString(in, "session");
                    long trial = in.readLong();
                    double t = in.readDouble();
                    List<String> classes = readStrings(in);
                    double[] p = readDoubles(readCount(in, "probability count", MAX_NAMES), in);
                    String predicted = readString(in, "predicted class");
                    String label = in.readBoolean() ? readString(in, "label") : null;
                    yield new DashboardEvent.Decision(session, trial, t, classes, p, predicted, label,
                            in.readDouble(), in.readDouble(), in.readDouble());
                }
                case TAG_FRAME -> {
                    String stream = readString(in, "stream key");
                    long index = in.readLong();
                    double t = in.readDouble();
                    int w = in.readInt();
                    int h = in.readInt();
                    int c = in.readInt();
                    byte[] pixels = new byte[readCount(in, "pixel count", MAX_VALUES)];
                    in.readFully(pixels);
                    yield new DashboardEvent.FrameImage(stream, index, t, w, h, c, pixels);
                }
                case TAG_SPARSITY -> {
                    String stream = readString(in, "stream key");
                    long index = in.readLong();
                    List<String> layers = readStrings(in);
                    double[] sparsity = readDoubles(layers.size(), in);
                    long[] effective = new long[layers.size()];
                    for (int i = 0; i < effective.length; i++) {
                        effective[i] = in.readLong();
                    }
                    long[] dense = new long[layers.size()];
                    for (int i = 0; i < dense.length; i++) {
                        dense[i] = in.readLong();
                    }
                    yield new DashboardEvent.Sparsity(stream, index, layers, sparsity, effective, dense);
                }
                case TAG_DESCRIBED -> new DashboardEvent.Described(readString(in, "stream key"),
                        readString(in, "stream name"), readString(in, "stream type"), in.readDouble(),
                        readStrings(in));
                case TAG_HEALTH -> new DashboardEvent.Health(readString(in, "stream key"), in.readDouble(),
                        in.readDouble(), in.readInt(), in.readLong(), in.readDouble(), in.readBoolean());
                default -> throw new IOException("Corrupt serialized dashboard event: unknown tag " + tag
                        + "; expected " + TAG_SIGNAL + " to " + TAG_DESCRIBED + ".");
            };
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt serialized dashboard event: " + e.getMessage(), e);
        }
    }

    private static void writeInts(int[] values, DataOutputView out) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputView in) throws IOException {
        int[] values = new int[readCount(in, "index count", MAX_VALUES)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static void writeStrings(List<String> values, DataOutputView out) throws IOException {
        out.writeInt(values.size());
        for (String s : values) {
            writeString(s, out);
        }
    }

    private static List<String> readStrings(DataInputView in) throws IOException {
        int n = readCount(in, "name count", MAX_NAMES);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(readString(in, "name"));
        }
        return values;
    }

    @Override
    public TypeSerializerSnapshot<DashboardEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of {@link DashboardEventSerializer}: the format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<DashboardEvent> {
        public Snapshot() {
            super();
        }

        @Override
        protected int currentFormatVersion() {
            return CURRENT_VERSION;
        }

        @Override
        protected TypeSerializer<DashboardEvent> serializerForVersion(int version) {
            return new DashboardEventSerializer();
        }
    }
}
