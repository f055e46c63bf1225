package org.neurostream.deploy.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal JSON writer for the dashboard's messages, straight into UTF-8 bytes: fast enough for trace blocks of
 * thousands of numbers, and it writes non-finite numbers (NaN samples of a broken channel) as {@code null}, which
 * strict JSON requires.
 *
 * <p>Numbers are written as ASCII digits by hand (integers, and trace values rounded to 6 significant digits), strings
 * are escaped and encoded as UTF-8 here, so a message is built without a {@code String} or {@code StringBuilder}. The
 * buffer grows as needed and is kept across {@link #reset()}, so a writer reused for message after message (the
 * publisher's) allocates only the finished message ({@link #toBytes()}). Only doubles that are neither integers nor
 * trace values (timestamps, rates) go through {@link Double#toString(double)}, the shortest text that reads back as
 * the same double.
 *
 * <p>Not thread-safe.
 */
final class JsonText {
    private byte[] b;
    private int size;
    private boolean needComma;

    JsonText(int capacity) {
        this.b = new byte[Math.max(16, capacity)];
    }

    /** Forgets what was written (the buffer is kept). */
    JsonText reset() {
        size = 0;
        needComma = false;
        return this;
    }

    /** Bytes written so far. */
    int length() {
        return size;
    }

    /** A copy of the bytes written. */
    byte[] toBytes() {
        return Arrays.copyOf(b, size);
    }

    /** Appends ASCII text as it is (not JSON: the SSE framing around a message). */
    JsonText raw(String ascii) {
        room(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            b[size++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Appends UTF-8 bytes as they are (a JSON document written elsewhere). */
    JsonText raw(byte[] utf8) {
        room(utf8.length);
        System.arraycopy(utf8, 0, b, size, utf8.length);
        size += utf8.length;
        return this;
    }

    JsonText beginObject() {
        comma();
        put('{');
        needComma = false;
        return this;
    }

    JsonText endObject() {
        put('}');
        needComma = true;
        return this;
    }

    JsonText beginArray() {
        comma();
        put('[');
        needComma = false;
        return this;
    }

    JsonText endArray() {
        put(']');
        needComma = true;
        return this;
    }

    /** Starts a member; the next value written is its value. */
    JsonText name(String name) {
        comma();
        string(name);
        put(':');
        needComma = false;
        return this;
    }

    JsonText value(String s) {
        comma();
        if (s == null) {
            raw("null");
        } else {
            string(s);
        }
        needComma = true;
        return this;
    }

    JsonText value(double v) {
        comma();
        number(v);
        needComma = true;
        return this;
    }

    JsonText value(long v) {
        comma();
        integer(v);
        needComma = true;
        return this;
    }

    JsonText value(boolean v) {
        comma();
        raw(v ? "true" : "false");
        needComma = true;
        return this;
    }

    JsonText nullValue() {
        comma();
        raw("null");
        needComma = true;
        return this;
    }

    /** Writes {@code values[from, from + length)} as an array, with about 6 significant digits. */
    JsonText compactArray(double[] values, int from, int length) {
        beginArray();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                put(',');
            }
            compact(values[from + i]);
        }
        return endArray();
    }

    JsonText array(int[] values) {
        beginArray();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put(',');
            }
            integer(values[i]);
        }
        return endArray();
    }

    /** The text written (UTF-8 decoded). */
    @Override
    public String toString() {
        return new String(b, 0, size, StandardCharsets.UTF_8);
    }

    private void comma() {
        if (needComma) {
            put(',');
        }
    }

    private void put(char ascii) {
        if (size == b.length) {
            room(1);
        }
        b[size++] = (byte) ascii;
    }

    private void room(int more) {
        if (size + more > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, size + more));
        }
    }

    private void number(double v) {
        if (Double.isFinite(v)) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                integer((long) v);
            } else {
                raw(Double.toString(v));
            }
        } else {
            raw("null");
        }
    }

    /** Longest decimal text of a long ("-9223372036854775808"). */
    private static final int LONG_DIGITS = 20;

    /** Writes {@code v} in decimal ASCII, as {@link Long#toString(long)} does. */
    private void integer(long v) {
        if (v == Long.MIN_VALUE) {
            raw(Long.toString(v));
            return;
        }
        room(LONG_DIGITS);
        if (v < 0) {
            b[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += digits;
    }

    /** Powers of ten 10^0 .. 10^9. */
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * Trace values need screen precision only: 6 significant digits keep messages about half as long. Written as a
     * rounded integer with the decimal point placed by hand (no {@code Double.toString}, which dominated the cost of
     * a trace message).
     */
    private void compact(double v) {
        if (!Double.isFinite(v)) {
            raw("null");
        } else if (v == 0) {
            put('0');
        } else {
            double magnitude = Math.abs(v);
            if (magnitude >= 1e-3 && magnitude < 1e9) {
                int exponent = -3; // 10^exponent <= magnitude < 10^(exponent + 1)
                while (exponent < 8 && magnitude >= (exponent + 1 >= 0 ? POW10[exponent + 1]
                        : 1 / POW10[-exponent - 1])) {
                    exponent++;
                }
                int decimals = Math.max(0, 5 - exponent);
                long scaled = Math.round(magnitude * POW10[decimals]);
                while (decimals > 0 && scaled % 10 == 0) {
                    scaled /= 10;
                    decimals--;
                }
                if (v < 0) {
                    put('-');
                }
                if (decimals == 0) {
                    integer(scaled);
                } else {
                    long whole = scaled / (long) POW10[decimals];
                    long fraction = scaled - whole * (long) POW10[decimals];
                    integer(whole);
                    put('.');
                    for (long p = (long) POW10[decimals - 1]; p > fraction && p > 1; p /= 10) {
                        put('0'); // leading zeros of the fraction
                    }
                    integer(fraction);
                }
            } else {
                raw(String.format(java.util.Locale.ROOT, "%.5e", v));
            }
        }
    }

    /** Writes {@code s} as a JSON string in UTF-8 (a lone surrogate becomes '?', as {@code String.getBytes} does). */
    private void string(String s) {
        room(s.length() + 2);
        b[size++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> raw("\\\"");
                case '\\' -> raw("\\\\");
                case '\n' -> raw("\\n");
                case '\r' -> raw("\\r");
                case '\t' -> raw("\\t");
                default -> {
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
                        raw(String.format("\\u%04x", (int) ch));
                    } else if (ch < 0x80) {
                        put(ch);
                    } else if (ch < 0x800) {
                        room(2);
                        b[size++] = (byte) (0xc0 | ch >> 6);
                        b[size++] = (byte) (0x80 | ch & 0x3f);
                    } else if (Character.isHighSurrogate(ch) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int cp = Character.toCodePoint(ch, s.charAt(++i));
                        room(4);
                        b[size++] = (byte) (0xf0 | cp >> 18);
                        b[size++] = (byte) (0x80 | cp >> 12 & 0x3f);
                        b[size++] = (byte) (0x80 | cp >> 6 & 0x3f);
                        b[size++] = (byte) (0x80 | cp & 0x3f);
                    } else if (Character.isSurrogate(ch)) {
                        put('?');
                    } else {
                        room(3);
                        b[size++] = (byte) (0xe0 | ch >> 12);
                        b[size++] = (byte) (0x80 | ch >> 6 & 0x3f);
                        b[size++] = (byte) (0x80 | ch & 0x3f);
                    }
                }
            }
        }
        put('"');
    }
}
