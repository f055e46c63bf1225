package org.neurostream.streams.format.edf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neurostream.streams.format.RecordingFormatException;

/**
 * The fixed part (256 bytes) and the signal part (256 bytes per signal) of an EDF, EDF+, BDF or BDF+ header, checked
 * for the values a reader depends on.
 *
 * @param bdf                   true for BDF/BDF+ (24-bit samples), false for EDF/EDF+ (16-bit)
 * @param plus                  true when the reserved field starts with {@code EDF+} / {@code BDF+}
 * @param discontinuous         true for EDF+D / BDF+D: data records may have gaps between them
 * @param patient               local patient identification, trimmed
 * @param recording             local recording identification, trimmed
 * @param startDate             start date of the recording as written ({@code dd.mm.yy})
 * @param startTime             start time of the recording as written ({@code hh.mm.ss})
 * @param headerBytes           size of the header, {@code 256 * (signals + 1)}
 * @param reserved              the reserved field, trimmed ({@code EDF+C}, {@code EDF+D}, {@code 24BIT}, ...)
 * @param declaredRecordCount   number of data records as the header states it; -1 means unknown
 * @param recordDurationSeconds duration of one data record in seconds
 * @param signals               the signals in header order, ordinary and annotation signals
 */
record EdfHeader(
        boolean bdf,
        boolean plus,
        boolean discontinuous,
        String patient,
        String recording,
        String startDate,
        String startTime,
        int headerBytes,
        String reserved,
        long declaredRecordCount,
        double recordDurationSeconds,
        List<EdfSignal> signals) {

    static final int FIXED_HEADER_BYTES = 256;
    static final int BYTES_PER_SIGNAL_HEADER = 256;
    static final int RECORD_COUNT_OFFSET = 236;
    private static final int MAX_SIGNALS = 9999;

    // The signal header stores each field for all signals before the next field: these are the fields in order.
    private static final int LABEL = 0;
    private static final int TRANSDUCER = 1;
    private static final int DIMENSION = 2;
    private static final int PHYSICAL_MIN = 3;
    private static final int PHYSICAL_MAX = 4;
    private static final int DIGITAL_MIN = 5;
    private static final int DIGITAL_MAX = 6;
    private static final int PREFILTERING = 7;
    private static final int SAMPLES = 8;
    private static final int[] FIELD_WIDTHS = {16, 80, 8, 8, 8, 8, 8, 80, 8, 32};

    /** Byte offsets of the signal header's fields for a given number of signals. */
    private record SignalColumns(int signals) {
        int offset(int field, int signal) {
            int start = FIXED_HEADER_BYTES;
            for (int k = 0; k < field; k++) {
                start += FIELD_WIDTHS[k] * signals;
            }
            return start + FIELD_WIDTHS[field] * signal;
        }
    }

    /** Bytes per stored sample: 2 for EDF, 3 for BDF. */
    int bytesPerSample() {
        return bdf ? 3 : 2;
    }

    /** Bytes of one data record, all signals together. */
    long recordBytes() {
        long samples = 0;
        for (EdfSignal s : signals) {
            samples += s.samplesPerRecord();
        }
        return samples * bytesPerSample();
    }

    /** The format name reported in a {@link org.neurostream.streams.format.Recording}. */
    String formatName() {
        return (bdf ? "BDF" : "EDF") + (plus ? "+" : "");
    }

    private static boolean isEdfVersion(ByteBuffer bytes) {
        if (bytes.limit() < 8 || bytes.get(0) != '0') {
            return false;
        }
        for (int i = 1; i < 8; i++) {
            if (bytes.get(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean isBdfVersion(ByteBuffer bytes) {
        if (bytes.limit() < 8 || bytes.get(0) != (byte) 0xFF) {
            return false;
        }
        byte[] rest = new byte[7];
        bytes.get(1, rest);
        return new String(rest, StandardCharsets.ISO_8859_1).equals("BIOSEMI");
    }

    /**
     * Parses and checks the header at the start of {@code bytes}.
     *
     * @throws RecordingFormatException for a wrong version field, a header shorter than it declares, a field that
     *                                  is not a number, or a value no reader can work with
     */
    static EdfHeader parse(ByteBuffer bytes, Path file) throws RecordingFormatException {
        long fileBytes = bytes.limit();
        if (fileBytes < FIXED_HEADER_BYTES) {
            throw new RecordingFormatException(file, fileBytes, "File ends after " + fileBytes
                    + " bytes, inside the " + FIXED_HEADER_BYTES + "-byte EDF/BDF header.");
        }
        boolean bdf;
        if (isEdfVersion(bytes)) {
            bdf = false;
        } else if (isBdfVersion(bytes)) {
            bdf = true;
        } else {
            AsciiFields f = new AsciiFields(bytes, file);
            throw new RecordingFormatException(file, 0, "Version field is '" + f.text(0, 8)
                    + "'; an EDF file starts with '0' and 7 spaces, a BDF file with byte 0xFF and 'BIOSEMI'.");
        }
        AsciiFields f = new AsciiFields(bytes, file);
        String reserved = f.text(192, 44);
        String plusPrefix = bdf ? "BDF+" : "EDF+";
        boolean plus = reserved.startsWith(plusPrefix);
        boolean discontinuous = plus && reserved.startsWith(plusPrefix + "D");

        long headerBytes = f.integer(184, 8, "Number of header bytes");
        long declaredRecords = f.integer(RECORD_COUNT_OFFSET, 8, "Number of data records");
        if (declaredRecords < -1) {
            throw new RecordingFormatException(file, RECORD_COUNT_OFFSET, "Number of data records is "
                    + declaredRecords + "; it must be >= 0, or -1 for unknown.");
        }
        double recordDuration = f.real(244, 8, "Duration of a data record");
        long signalCount = f.integer(252, 4, "Number of signals");
        if (signalCount < 1 || signalCount > MAX_SIGNALS) {
            throw new RecordingFormatException(file, 252, "Number of signals is " + signalCount
                    + "; it must be between 1 and " + MAX_SIGNALS + ".");
        }
        int ns = (int) signalCount;
        long expectedHeaderBytes = (long) BYTES_PER_SIGNAL_HEADER * (ns + 1);
        if (headerBytes != expectedHeaderBytes) {
            throw new RecordingFormatException(file, 184, "Number of header bytes is " + headerBytes
                    + " but " + ns + " signals need " + expectedHeaderBytes + " (256 * (signals + 1)).");
        }
        if (fileBytes < expectedHeaderBytes) {
            throw new RecordingFormatException(file, fileBytes, "File ends after " + fileBytes
                    + " bytes, inside the " + expectedHeaderBytes + "-byte header of " + ns + " signals.");
        }

        List<EdfSignal> signals = new ArrayList<>(ns);
        String annotationLabel = bdf ? "BDF Annotations" : "EDF Annotations";
        boolean anyOrdinary = false;
        SignalColumns columns = new SignalColumns(ns);
        for (int i = 0; i < ns; i++) {
            String label = f.text(columns.offset(LABEL, i), 16);
            String name = "of signal " + (i + 1) + " '" + label + "'";
            double physMin = f.real(columns.offset(PHYSICAL_MIN, i), 8, "Physical minimum " + name);
            double physMax = f.real(columns.offset(PHYSICAL_MAX, i), 8, "Physical maximum " + name);
            double digMin = f.real(columns.offset(DIGITAL_MIN, i), 8, "Digital minimum " + name);
            int digMaxOffset = columns.offset(DIGITAL_MAX, i);
            double digMax = f.real(digMaxOffset, 8, "Digital maximum " + name);
            int samplesOffset = columns.offset(SAMPLES, i);
            long samples = f.integer(samplesOffset, 8, "Samples per data record " + name);
            if (samples < 1) {
                throw new RecordingFormatException(file, samplesOffset, "Samples per data record " + name + " is "
                        + samples + "; it must be at least 1.");
            }
            boolean annotation = label.equals(annotationLabel);
            if (!annotation) {
                anyOrdinary = true;
                if (!(digMax > digMin)) {
                    throw new RecordingFormatException(file, digMaxOffset, "Digital maximum " + digMax + " " + name
                            + " is not greater than its digital minimum " + digMin
                            + "; the physical scaling is undefined.");
                }
                if (physMax == physMin) {
                    throw new RecordingFormatException(file, columns.offset(PHYSICAL_MAX, i), "Physical maximum "
                            + name + " equals its physical minimum " + physMin
                            + "; the physical scaling is undefined.");
                }
            }
            signals.add(new EdfSignal(i, label, f.text(columns.offset(TRANSDUCER, i), 80),
                    f.text(columns.offset(DIMENSION, i), 8), physMin, physMax, digMin, digMax,
                    f.text(columns.offset(PREFILTERING, i), 80), (int) samples, annotation));
        }
        if (!Double.isFinite(recordDuration) || recordDuration < 0 || (anyOrdinary && recordDuration == 0)) {
            throw new RecordingFormatException(file, 244, "Duration of a data record is " + recordDuration
                    + " s; it must be > 0 (0 only in files that hold nothing but annotations).");
        }
        for (EdfSignal s : signals) {
            if (!s.annotation() && !Double.isFinite(s.samplesPerRecord() / recordDuration)) {
                throw new RecordingFormatException(file, 244, "Duration of a data record is " + recordDuration
                        + " s, which makes the rate of signal " + (s.index() + 1) + " '" + s.label() + "' infinite.");
            }
        }
        return new EdfHeader(bdf, plus, discontinuous, f.text(8, 80), f.text(88, 80), f.text(168, 8),
                f.text(176, 8), (int) headerBytes, reserved, declaredRecords, recordDuration, signals);
    }
}
