package org.neurostream.streams.format.edf;

import java.nio.ByteBuffer;

/**
 * Bulk conversion of stored little-endian integer samples to physical doubles,
 * {@code physical = digital * scale + offset} (the order MNE uses, so results are bit-identical to it).
 */
final class SampleDecoding {
    private SampleDecoding() {
    }

    /** Decodes {@code count} 16-bit two's complement samples (EDF) starting at byte {@code from}. */
    static void int16(ByteBuffer littleEndian, int from, double[] out, int to, int count, double scale,
                      double offset) {
        for (int s = 0; s < count; s++) {
            out[to + s] = littleEndian.getShort(from + 2 * s) * scale + offset;
        }
    }

    /** Decodes {@code count} 24-bit two's complement samples (BDF) starting at byte {@code from}. */
    static void int24(ByteBuffer bytes, int from, double[] out, int to, int count, double scale, double offset) {
        for (int s = 0; s < count; s++) {
            int p = from + 3 * s;
            int digital = (bytes.get(p) & 0xFF) | (bytes.get(p + 1) & 0xFF) << 8 | bytes.get(p + 2) << 16;
            out[to + s] = digital * scale + offset;
        }
    }
}
