package org.neurostream.streams.record;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The type of one channel value, as LSL and XDF name it ({@code channel_format}).
 *
 * <p>Numeric formats are carried in {@link SampleChunk} as {@code double}; {@link #STRING} streams (marker streams)
 * are carried as {@link Marker}s.
 */
public enum ValueFormat {
    INT8("int8", 1),
    INT16("int16", 2),
    INT32("int32", 4),
    INT64("int64", 8),
    FLOAT32("float32", 4),
    DOUBLE64("double64", 8),
    STRING("string", -1);

    private final String xdfName;
    private final int bytesPerValue;

    ValueFormat(String xdfName, int bytesPerValue) {
        this.xdfName = xdfName;
        this.bytesPerValue = bytesPerValue;
    }

    /** The name used in XDF stream headers and by liblsl, for example {@code float32}. */
    public String xdfName() {
        return xdfName;
    }

    /** Bytes of one value on the wire, or -1 for variable-length strings. */
    public int bytesPerValue() {
        return bytesPerValue;
    }

    public boolean isNumeric() {
        return this != STRING;
    }

    /**
     * Parses an XDF/LSL format name (case-insensitive; {@code double} is accepted for {@code double64}).
     *
     * @throws IllegalArgumentException naming the legal values
     */
    public static ValueFormat fromXdfName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("double")) {
            return DOUBLE64;
        }
        for (ValueFormat f : values()) {
            if (f.xdfName.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Invalid value for 'channel_format'. Allowed values are "
                + Arrays.stream(values()).map(f -> "'" + f.xdfName + "'").collect(Collectors.joining(", "))
                + ", but got '" + name + "' instead.");
    }
}
