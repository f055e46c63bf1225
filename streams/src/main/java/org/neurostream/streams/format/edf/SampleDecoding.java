package org.neurostream.streams.format.edf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.List;

/**
 * Decodes the stored samples of ordinary signals into physical doubles from whole data records copied into a
 * {@code byte[]}: each signal's samples are bulk-copied into a scratch array (a {@code short[]} for EDF, straight
 * from the bytes for BDF) and scaled from there into its group's channel-major array,
 * {@code physical = digital * scale + offset} (the order MNE uses, so results are bit-identical to it). Bulk copies
 * and plain array loops keep the inner loop free of per-sample buffer calls.
 *
 * <p>A file read whole is decoded record by record ({@link #decode}); a stream replayed from a file opened with
 * {@link EdfReader#open} decodes the records a slice spans ({@link #decodeGroup}). Both go through
 * {@code decodeGroup}, so they give the same doubles.
 */
final class SampleDecoding {
    private SampleDecoding() {
    }

    /**
     * Decodes every signal of {@code groups}; returns one channel-major array per group, in group order.
     */
    static double[][] decode(ByteBuffer littleEndian, EdfHeader header, EdfLayout layout,
                             List<List<EdfSignal>> groups) {
        int records = layout.records();
        double[][] out = new double[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            List<EdfSignal> group = groups.get(g);
            out[g] = new double[Math.multiplyExact(group.size(),
                    Math.multiplyExact(group.get(0).samplesPerRecord(), records))];
        }
        if (records == 0 || groups.isEmpty()) {
            return out;
        }
        byte[] record = new byte[Math.toIntExact(header.recordBytes())];
        for (int r = 0; r < records; r++) {
            littleEndian.get(layout.recordStart(r), record);
            for (int g = 0; g < groups.size(); g++) {
                List<EdfSignal> group = groups.get(g);
                int spr = group.get(0).samplesPerRecord();
                decodeGroup(record, r, header.bdf(), layout, group, r * spr, (r + 1) * spr, out[g], spr * records,
                        0);
            }
        }
        return out;
    }

    /**
     * Decodes samples {@code [from, to)} of one rate group (signals of equal samples per record) from
     * {@code records}, which holds whole data records as stored, starting with record {@code firstRecord} and
     * spanning the range. Channel {@code c}'s sample {@code i} goes to
     * {@code out[c * channelLength + i - outFirstSample]}.
     */
    static void decodeGroup(byte[] records, int firstRecord, boolean bdf, EdfLayout layout, List<EdfSignal> group,
                            int from, int to, double[] out, int channelLength, int outFirstSample) {
        if (from >= to) {
            return;
        }
        int spr = group.get(0).samplesPerRecord();
        int recordBytes = layout.recordBytes();
        int bytesPerSample = bdf ? 3 : 2;
        ShortBuffer shorts = bdf ? null : ByteBuffer.wrap(records).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] scratch = bdf ? null : new short[Math.min(spr, to - from)];
        for (int at = from; at < to; ) {
            int r = at / spr;
            int first = at - r * spr;
            int count = Math.min(to - at, spr - first);
            int recordOffset = (r - firstRecord) * recordBytes;
            for (int c = 0; c < group.size(); c++) {
                EdfSignal signal = group.get(c);
                int byteStart = recordOffset + layout.signalOffsetInRecord(signal.index()) + first * bytesPerSample;
                int outStart = c * channelLength + at - outFirstSample;
                if (bdf) {
                    int3(records, byteStart, out, outStart, count, signal.scale(), signal.offset());
                } else {
                    shorts.get(byteStart / 2, scratch, 0, count);
                    int2(scratch, out, outStart, count, signal.scale(), signal.offset());
                }
            }
            at += count;
        }
    }

    private static void int2(short[] digital, double[] out, int to, int count, double scale, double offset) {
        for (int s = 0; s < count; s++) {
            out[to + s] = digital[s] * scale + offset;
        }
    }

    /** 24-bit little-endian two's complement: the top byte is sign-extended by the {@code byte} to int widening. */
    private static void int3(byte[] records, int from, double[] out, int to, int count, double scale,
                             double offset) {
        for (int s = 0; s < count; s++) {
            int p = from + 3 * s;
            int digital = (records[p] & 0xFF) | (records[p + 1] & 0xFF) << 8 | records[p + 2] << 16;
            out[to + s] = digital * scale + offset;
        }
    }
}
