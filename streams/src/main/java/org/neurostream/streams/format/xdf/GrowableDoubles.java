package org.neurostream.streams.format.xdf;

import java.util.Arrays;

/** An append-only {@code double} list without boxing, for timestamps and clock offsets while a file is parsed. */
final class GrowableDoubles {
    private double[] values;
    private int size;

    GrowableDoubles(int initialCapacity) {
        values = new double[Math.max(4, initialCapacity)];
    }

    void add(double value) {
        if (size == values.length) {
            grow(size + 1);
        }
        values[size++] = value;
    }

    /** Makes room for {@code extra} more values; callers pass counts already checked against the file's size. */
    void ensureExtra(int extra) {
        if ((long) size + extra > values.length) {
            grow((int) Math.min(Integer.MAX_VALUE - 8L, (long) size + extra));
        }
    }

    private void grow(int minCapacity) {
        long doubled = Math.max((long) values.length * 2, minCapacity);
        values = Arrays.copyOf(values, (int) Math.min(doubled, Integer.MAX_VALUE - 8L));
    }

    int size() {
        return size;
    }

    double last() {
        return values[size - 1];
    }

    /** The first {@code count} values as an array of exactly that length. */
    double[] toArray(int count) {
        return Arrays.copyOf(values, count);
    }

    double[] toArray() {
        return toArray(size);
    }
}
