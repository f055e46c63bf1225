package org.neurostream.streams.format.edf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.neurostream.streams.format.RecordingFormatException;

/**
 * Reads the fixed-width ASCII fields of an EDF/BDF header, failing with the file, the field's byte offset and its
 * name when a field that must be a number is not one.
 *
 * <p>Fields end at the first NUL byte and are trimmed of whitespace, as MNE reads them; a decimal comma is accepted
 * in real-valued fields (some writers localise them).
 */
final class AsciiFields {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern REAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");

    private final ByteBuffer bytes;
    private final Path file;

    AsciiFields(ByteBuffer bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    /** The field {@code [offset, offset + width)} as Latin-1 text, cut at a NUL and trimmed. */
    String text(int offset, int width) {
        byte[] raw = new byte[width];
        bytes.get(offset, raw);
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        int nul = s.indexOf('\0');
        return (nul >= 0 ? s.substring(0, nul) : s).strip();
    }

    long integer(int offset, int width, String field) throws RecordingFormatException {
        String s = text(offset, width);
        if (!INTEGER.matcher(s).matches()) {
            throw new RecordingFormatException(file, offset, field + " is '" + s + "', which is not an integer.");
        }
        return Long.parseLong(s);
    }

    double real(int offset, int width, String field) throws RecordingFormatException {
        String s = text(offset, width).replace(',', '.');
        if (!REAL.matcher(s).matches()) {
            throw new RecordingFormatException(file, offset, field + " is '" + s + "', which is not a number.");
        }
        double value = Double.parseDouble(s);
        if (!Double.isFinite(value)) {
            throw new RecordingFormatException(file, offset, field + " is '" + s + "', which is out of range.");
        }
        return value;
    }
}
