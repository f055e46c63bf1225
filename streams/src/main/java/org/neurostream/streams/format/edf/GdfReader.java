package org.neurostream.streams.format.edf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neurostream.streams.format.FileBytes;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.StreamOutline;
import org.neurostream.streams.record.ValueFormat;

/**
 * Reads GDF 2.x files (the General Data Format for biosignals, as written by BioSig and BCI competition tools)
 * whole.
 *
 * <p>Signals are grouped by sampling rate into numeric streams exactly as {@link EdfReader} groups EDF signals
 * ({@code <file name>#eeg}, ...), with physical values {@code digital * scale + offset} computed as MNE-Python's
 * {@code read_raw_gdf} computes them. Every GDF data type except the 128-bit float and bit fields is read (int8 to
 * uint64, float32, float64), and signals may mix types. The event table becomes the marker stream
 * {@code <file name>#events}: one marker per event whose value is the event type code in decimal ({@code 768}),
 * at {@code (position - 1) / eventRate} seconds (positions are 1-based), with duration {@code duration / eventRate}
 * in mode 3 and 0 in mode 1. (MNE instead gives every event at least one sample of duration.)
 *
 * <p>A record count of -1 (unknown) is resolved from the file size, assuming no event table, and reported in
 * {@link Recording#problems()}; a file shorter than its header and records, an event table that does not fit, or
 * bytes after the event table are {@link RecordingFormatException}s. Stateless; safe to use from several threads.
 */
public final class GdfReader {
    static final String FORMAT_NAME = "GDF";
    private static final int FIXED_HEADER_BYTES = 256;
    private static final int RECORD_COUNT_OFFSET = 236;

    private GdfReader() {
    }

    /** Reads a GDF 2.x file. */
    public static Recording read(Path file) throws IOException {
        return read(FileBytes.map(file, "GDF"), file);
    }

    /** Reads GDF content held in memory; {@code nameForErrors} names it in errors and prefixes its stream keys. */
    public static Recording read(byte[] content, Path nameForErrors) throws RecordingFormatException {
        return read(ByteBuffer.wrap(content), nameForErrors);
    }

    /** A GDF data type: its code in the signal header, its size in bytes and the value format it maps to. */
    private enum GdfType {
        INT8(1, 1, ValueFormat.INT8), UINT8(2, 1, ValueFormat.INT16), INT16(3, 2, ValueFormat.INT16),
        UINT16(4, 2, ValueFormat.INT32), INT32(5, 4, ValueFormat.INT32), UINT32(6, 4, ValueFormat.INT64),
        INT64(7, 8, ValueFormat.INT64), UINT64(8, 8, ValueFormat.DOUBLE64), FLOAT32(16, 4, ValueFormat.FLOAT32),
        FLOAT64(17, 8, ValueFormat.DOUBLE64);

        final int code;
        final int bytes;
        final ValueFormat format;

        GdfType(int code, int bytes, ValueFormat format) {
            this.code = code;
            this.bytes = bytes;
            this.format = format;
        }

        static GdfType of(long code) {
            for (GdfType t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }

        double read(ByteBuffer littleEndian, int at) {
            return switch (this) {
                case INT8 -> littleEndian.get(at);
                case UINT8 -> littleEndian.get(at) & 0xFF;
                case INT16 -> littleEndian.getShort(at);
                case UINT16 -> littleEndian.getShort(at) & 0xFFFF;
                case INT32 -> littleEndian.getInt(at);
                case UINT32 -> littleEndian.getInt(at) & 0xFFFFFFFFL;
                case INT64 -> (double) littleEndian.getLong(at);
                case UINT64 -> unsignedToDouble(littleEndian.getLong(at));
                case FLOAT32 -> littleEndian.getFloat(at);
                case FLOAT64 -> littleEndian.getDouble(at);
            };
        }

        private static double unsignedToDouble(long v) {
            return v >= 0 ? (double) v : ((double) (v >>> 1)) * 2.0 + (v & 1);
        }
    }

    /**
     * What a GDF 2.x file holds without decoding its samples: each stream's description, sample count and last
     * timestamp, exactly as {@link #read(Path)} gives them, from the header (records × samples per record) and the
     * event table; the file is checked as by {@code read} up to the signal values.
     *
     * @throws RecordingFormatException as {@link #read(Path)}
     */
    public static List<StreamOutline> outline(Path file) throws IOException {
        Parsed p = parse(FileBytes.map(file, "GDF"), file);
        List<StreamOutline> outlines = new ArrayList<>();
        for (int g = 0; g < p.groups().groups().size(); g++) {
            outlines.add(p.groups().outline(g, p.fileName(), p.records(), null, p.storedFormat(g)));
        }
        RecordedStream events = p.events();
        if (events != null) {
            outlines.add(StreamOutline.of(events));
        }
        return outlines;
    }

    private static Recording read(ByteBuffer content, Path file) throws RecordingFormatException {
        Parsed p = parse(content, file);
        double[][] values = decode(p.bytes(), p.headerBytes(), p.recordBytes(), p.records(), p.groups(), p.types(),
                p.signalOffset());
        List<RecordedStream> streams = new ArrayList<>();
        for (int g = 0; g < values.length; g++) {
            streams.add(p.groups().stream(g, p.fileName(), values[g], p.records(), null, p.storedFormat(g),
                    p.headerXml()));
        }
        RecordedStream events = p.events();
        if (events != null) {
            streams.add(events);
        }
        return new Recording(file, FORMAT_NAME, streams, p.problems());
    }

    /** Everything of a file but its decoded signal values; the events are read on demand ({@link #events()}). */
    private record Parsed(ByteBuffer bytes, Path file, int headerBytes, int recordBytes, int records,
                          GdfType[] types, int[] signalOffset, RateGroups groups, String fileName, String headerXml,
                          List<String> problems) {
        /** The value format of group {@code g}: its signals' common format, or float64 when they differ. */
        ValueFormat storedFormat(int g) {
            ValueFormat stored = types[groups.groups().get(g).get(0).index()].format;
            for (EdfSignal s : groups.groups().get(g)) {
                stored = types[s.index()].format == stored ? stored : ValueFormat.DOUBLE64;
            }
            return stored;
        }

        /** The event table's marker stream, or null when the file has none. */
        RecordedStream events() throws RecordingFormatException {
            int eventTable = headerBytes + records * recordBytes;
            return eventTable < bytes.limit()
                    ? GdfReader.events(bytes, eventTable, file, fileName, groups.rateHz(0), headerXml, problems)
                    : null;
        }
    }

    private static Parsed parse(ByteBuffer content, Path file) throws RecordingFormatException {
        ByteBuffer bytes = content.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int fileBytes = bytes.limit();
        if (fileBytes < FIXED_HEADER_BYTES) {
            throw new RecordingFormatException(file, fileBytes, "File ends after " + fileBytes
                    + " bytes, inside the 256-byte GDF header.");
        }
        AsciiFields text = new AsciiFields(bytes, file);
        String version = text.text(0, 8);
        if (!version.matches("GDF 2\\.\\d\\d")) {
            throw new RecordingFormatException(file, 0, "Version field is '" + version
                    + "'; only GDF 2.x ('GDF 2.' and two digits) is supported.");
        }
        int headerBytes = 256 * Short.toUnsignedInt(bytes.getShort(184));
        long declaredRecords = bytes.getLong(RECORD_COUNT_OFFSET);
        long durationNumerator = Integer.toUnsignedLong(bytes.getInt(244));
        long durationDenominator = Integer.toUnsignedLong(bytes.getInt(248));
        int ns = Short.toUnsignedInt(bytes.getShort(252));
        if (ns < 1) {
            throw new RecordingFormatException(file, 252, "Number of signals is 0; it must be at least 1.");
        }
        if (headerBytes < 256 * (ns + 1)) {
            throw new RecordingFormatException(file, 184, "Header length is " + headerBytes + " bytes but "
                    + ns + " signals need at least " + 256 * (ns + 1) + ".");
        }
        if (fileBytes < headerBytes) {
            throw new RecordingFormatException(file, fileBytes, "File ends after " + fileBytes
                    + " bytes, inside the " + headerBytes + "-byte header.");
        }
        if (durationNumerator == 0 || durationDenominator == 0) {
            throw new RecordingFormatException(file, 244, "Duration of a data record is " + durationNumerator
                    + "/" + durationDenominator + " s; numerator and denominator must both be > 0.");
        }
        double recordDuration = (double) durationNumerator / durationDenominator;

        List<EdfSignal> signals = new ArrayList<>(ns);
        GdfType[] types = new GdfType[ns];
        int[] signalOffset = new int[ns];
        long recordBytes = 0;
        for (int i = 0; i < ns; i++) {
            String label = text.text(256 + 16 * i, 16);
            String name = "of signal " + (i + 1) + " '" + label + "'";
            String dimension = text.text(256 + 96 * ns + 6 * i, 6);
            int dimensionCode = Short.toUnsignedInt(bytes.getShort(256 + 102 * ns + 2 * i));
            if (dimension.isEmpty()) {
                dimension = dimensionCode == 4275 ? "uV" : dimensionCode == 4274 ? "mV" : "";
            }
            double physMin = bytes.getDouble(256 + 104 * ns + 8 * i);
            double physMax = bytes.getDouble(256 + 112 * ns + 8 * i);
            double digMin = bytes.getDouble(256 + 120 * ns + 8 * i);
            int digMaxOffset = 256 + 128 * ns + 8 * i;
            double digMax = bytes.getDouble(digMaxOffset);
            int samplesOffset = 256 + 216 * ns + 4 * i;
            long samples = Integer.toUnsignedLong(bytes.getInt(samplesOffset));
            int typeOffset = 256 + 220 * ns + 4 * i;
            long typeCode = Integer.toUnsignedLong(bytes.getInt(typeOffset));
            if (samples < 1 || samples > Integer.MAX_VALUE) {
                throw new RecordingFormatException(file, samplesOffset, "Samples per data record " + name + " is "
                        + samples + "; it must be between 1 and " + Integer.MAX_VALUE + ".");
            }
            types[i] = GdfType.of(typeCode);
            if (types[i] == null) {
                throw new RecordingFormatException(file, typeOffset, "Data type " + name + " is " + typeCode
                        + "; supported are 1-8 (int8 to uint64), 16 (float32) and 17 (float64).");
            }
            if (!(Double.isFinite(physMin) && Double.isFinite(physMax) && Double.isFinite(digMin)
                    && Double.isFinite(digMax) && digMax > digMin && physMax != physMin
                    && Double.isFinite((physMax - physMin) / (digMax - digMin)))) {
                throw new RecordingFormatException(file, digMaxOffset, "Scaling " + name + " is undefined: physical "
                        + physMin + ".." + physMax + ", digital " + digMin + ".." + digMax
                        + " (need finite values, digital maximum > minimum, physical maximum != minimum).");
            }
            if (!Double.isFinite(samples / recordDuration)) {
                throw new RecordingFormatException(file, 244, "Record duration " + recordDuration
                        + " s makes the rate " + name + " infinite.");
            }
            signals.add(new EdfSignal(i, label, text.text(256 + 16 * ns + 80 * i, 80), dimension, physMin, physMax,
                    digMin, digMax, "", (int) samples, false));
            signalOffset[i] = (int) Math.min(recordBytes, Integer.MAX_VALUE);
            recordBytes += samples * types[i].bytes;
        }
        if (recordBytes > Integer.MAX_VALUE) {
            throw new RecordingFormatException(file, 256, "Signals declare data records of " + recordBytes
                    + " bytes; records above 2 GiB are not supported.");
        }

        List<String> problems = new ArrayList<>();
        long available = fileBytes - headerBytes;
        int records;
        if (declaredRecords == -1) {
            records = (int) (available / recordBytes);
            problems.add("Number of data records is -1 (unknown) in the header; " + records
                    + " records derived from the file size, assuming no event table.");
            if (available % recordBytes != 0) {
                throw new RecordingFormatException(file, fileBytes, "File ends inside data record " + (records + 1)
                        + ": " + available % recordBytes + " of its " + recordBytes + " bytes are present (the"
                        + " header's record count is -1, unknown).");
            }
        } else if (declaredRecords < 0) {
            throw new RecordingFormatException(file, RECORD_COUNT_OFFSET, "Number of data records is "
                    + declaredRecords + "; it must be >= 0, or -1 for unknown.");
        } else if (declaredRecords > available / recordBytes) {
            throw new RecordingFormatException(file, fileBytes, "File is truncated: header declares "
                    + declaredRecords + " data records of " + recordBytes + " bytes but only " + available
                    + " bytes follow the " + headerBytes + "-byte header.");
        } else {
            records = (int) declaredRecords;
        }

        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return new Parsed(bytes, file, headerBytes, (int) recordBytes, records, types, signalOffset,
                new RateGroups(signals, recordDuration), fileName, headerXml(version, text, records, recordDuration),
                problems);
    }

    /** Decodes every signal record by record; {@code signalOffset[i]} is signal i's byte offset in a record. */
    private static double[][] decode(ByteBuffer bytes, int dataStart, int recordBytes, int records,
                                     RateGroups groups, GdfType[] types, int[] signalOffset) {
        List<List<EdfSignal>> list = groups.groups();
        double[][] out = new double[list.size()][];
        byte[] scratch = new byte[recordBytes];
        ByteBuffer record = ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN);
        for (int g = 0; g < list.size(); g++) {
            List<EdfSignal> group = list.get(g);
            int spr = group.get(0).samplesPerRecord();
            int total = Math.multiplyExact(spr, records);
            out[g] = new double[Math.multiplyExact(group.size(), total)];
        }
        for (int r = 0; r < records; r++) {
            bytes.get(dataStart + r * recordBytes, scratch);
            for (int g = 0; g < list.size(); g++) {
                List<EdfSignal> group = list.get(g);
                int spr = group.get(0).samplesPerRecord();
                int total = spr * records;
                for (int c = 0; c < group.size(); c++) {
                    EdfSignal s = group.get(c);
                    GdfType type = types[s.index()];
                    double scale = s.scale();
                    double offset = s.offset();
                    int from = signalOffset[s.index()];
                    int to = c * total + r * spr;
                    for (int k = 0; k < spr; k++) {
                        out[g][to + k] = type.read(record, from + k * type.bytes) * scale + offset;
                    }
                }
            }
        }
        return out;
    }

    /** The event table (GDF 2: mode, 24-bit count, float32 rate, then positions, types[, channels, durations]). */
    private static RecordedStream events(ByteBuffer bytes, int at, Path file, String fileName, double dataRateHz,
                                         String headerXml, List<String> problems) throws RecordingFormatException {
        int fileBytes = bytes.limit();
        if (fileBytes - at < 8) {
            throw new RecordingFormatException(file, at, (fileBytes - at) + " bytes follow the data records: too"
                    + " few for an event table (8-byte head) and more than none.");
        }
        int mode = bytes.get(at) & 0xFF;
        if (mode != 1 && mode != 3) {
            throw new RecordingFormatException(file, at, "Event table mode is " + mode + "; it must be 1 or 3.");
        }
        int count = (bytes.get(at + 1) & 0xFF) | (bytes.get(at + 2) & 0xFF) << 8 | (bytes.get(at + 3) & 0xFF) << 16;
        float rate = bytes.getFloat(at + 4);
        long needed = 8L + (long) count * (mode == 3 ? 12 : 6);
        if (needed != fileBytes - at) {
            throw new RecordingFormatException(file, at + 1, "Event table (mode " + mode + ") declares " + count
                    + " events, which take " + needed + " bytes, but " + (fileBytes - at)
                    + " bytes follow the data records.");
        }
        double rateHz = rate;
        if (!(rate > 0) || Float.isInfinite(rate)) {
            rateHz = dataRateHz;
            problems.add("Event table sampling rate is " + rate + "; event positions are timed at the first signal"
                    + " group's rate, " + dataRateHz + " Hz.");
        }
        int positions = at + 8;
        int typeCodes = positions + 4 * count;
        int durations = typeCodes + 2 * count + 2 * count;
        double[] onsets = new double[count];
        double[] lengths = new double[count];
        String[] values = new String[count];
        for (int e = 0; e < count; e++) {
            long position = Integer.toUnsignedLong(bytes.getInt(positions + 4 * e));
            onsets[e] = (position - 1) / rateHz;
            lengths[e] = mode == 3 ? Integer.toUnsignedLong(bytes.getInt(durations + 4 * e)) / rateHz : 0.0;
            values[e] = Integer.toString(Short.toUnsignedInt(bytes.getShort(typeCodes + 2 * e)));
        }
        return MarkerStreams.sorted(fileName, "events", "event type", count, onsets, lengths, values, headerXml);
    }

    private static String headerXml(String version, AsciiFields text, int records, double recordDuration) {
        StringBuilder xml = new StringBuilder("<gdf>");
        EdfHeaderXml.element(xml, "version", version);
        EdfHeaderXml.element(xml, "patient", text.text(8, 66));
        EdfHeaderXml.element(xml, "recording", text.text(88, 64));
        EdfHeaderXml.element(xml, "records", Integer.toString(records));
        EdfHeaderXml.element(xml, "record_duration_seconds", Double.toString(recordDuration));
        return xml.append("</gdf>").toString();
    }
}
