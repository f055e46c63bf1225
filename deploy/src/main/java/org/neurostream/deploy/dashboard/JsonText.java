package org.neurostream.deploy.dashboard;

/**
 * A minimal JSON writer for the dashboard's messages: fast enough for trace blocks of thousands of numbers, and it
 * writes non-finite numbers (NaN samples of a broken channel) as {@code null}, which strict JSON requires.
 *
 * <p>Not thread-safe.
 */
final class JsonText {
    private final StringBuilder b;
    private boolean needComma;

    JsonText(int capacity) {
        this.b = new StringBuilder(capacity);
    }

    JsonText beginObject() {
        comma();
        b.append('{');
        needComma = false;
        return this;
    }

    JsonText endObject() {
        b.append('}');
        needComma = true;
        return this;
    }

    JsonText beginArray() {
        comma();
        b.append('[');
        needComma = false;
        return this;
    }

    JsonText endArray() {
        b.append(']');
        needComma = true;
        return this;
    }

    /** Starts a member; the next value written is its value. */
    JsonText name(String name) {
        comma();
        string(b, name);
        b.append(':');
        needComma = false;
        return this;
    }

    JsonText value(String s) {
        comma();
        if (s == null) {
            b.append("null");
        } else {
            string(b, s);
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
        b.append(v);
        needComma = true;
        return this;
    }

    JsonText value(boolean v) {
        comma();
        b.append(v);
        needComma = true;
        return this;
    }

    JsonText nullValue() {
        comma();
        b.append("null");
        needComma = true;
        return this;
    }

    /** Writes {@code values[from, from + length)} as an array, with about 6 significant digits. */
    JsonText compactArray(double[] values, int from, int length) {
        beginArray();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                b.append(',');
            }
            compact(values[from + i]);
        }
        return endArray();
    }

    JsonText array(int[] values) {
        beginArray();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(values[i]);
        }
        return endArray();
    }

    @Override
    public String toString() {
        return b.toString();
    }

    private void comma() {
        if (needComma) {
            b.append(',');
        }
    }

    private void number(double v) {
        if (Double.isFinite(v)) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                b.append((long) v);
            } else {
                b.append(v);
            }
        } else {
            b.append("null");
        }
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
            b.append("null");
        } else if (v == 0) {
            b.append('0');
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
                    b.append('-');
                }
                if (decimals == 0) {
                    b.append(scaled);
                } else {
                    long whole = scaled / (long) POW10[decimals];
                    long fraction = scaled - whole * (long) POW10[decimals];
                    b.append(whole).append('.');
                    for (long p = (long) POW10[decimals - 1]; p > fraction && p > 1; p /= 10) {
                        b.append('0'); // leading zeros of the fraction
                    }
                    b.append(fraction);
                }
            } else {
                b.append(String.format(java.util.Locale.ROOT, "%.5e", v));
            }
        }
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        b.append('"');
    }
}
