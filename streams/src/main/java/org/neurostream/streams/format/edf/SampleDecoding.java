package org.neurostream.streams.format.edf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.List;

/**
 * Decodes the stored samples of all ordinary signals into physical doubles, one data record at a time: the record
 * is bulk-copied into a scratch array (a {@code short[]} for EDF, a {@code byte[]} for BDF) and each signal's
 * samples are scaled from there into its group's channel-major array, {@code physical = digital * scale + offset}
 * (the order MNE uses, so results are bit-identical to it). Bulk copies and plain array loops keep the inner loop
 * free of per-sample buffer calls.
 */
final class SampleDecoding {
    private SampleDecoding() {
    }

    /** Where one signal's samples go: its group's array, its first index there, and its scaling. */
    private record Target(EdfSignal signal, double[] values, int channelStart) {
    }

    /**
     * Decodes every signal of {@code groups}; returns one channel-major array per group, in group order.
     */
    static double[][] decode(ByteBuffer littleEndian, EdfHeader header, EdfLayout layout,
                             List<List<EdfSignal>> groups) {
        int records = layout.records();
        double[][] out = new double[groups.size()][];
        int targetCount = 0;
        for (List<EdfSignal> group : groups) {
            targetCount += group.size();
        }
        Target[] targets = new Target[targetCount];
        int t = 0;
        for (int g = 0; g < groups.size(); g++) {
            List<EdfSignal> group = groups.get(g);
            int total = Math.multiplyExact(group.get(0).samplesPerRecord(), records);
            out[g] = new double[Math.multiplyExact(group.size(), total)];
            for (int c = 0; c < group.size(); c++) {
                targets[t++] = new Target(group.get(c), out[g], c * total);
            }
        }
        if (records == 0 || targetCount == 0) {
            return out;
        }
        int recordBytes = Math.toIntExact(header.recordBytes());
        if (header.bdf()) {
            byte[] scratch = new byte[recordBytes];
            for (int r = 0; r < records; r++) {
                littleEndian.get(layout.recordStart(r), scratch);
                for (Target target : targets) {
                    int spr = target.signal.samplesPerRecord();
                    int3(scratch, layout.signalOffsetInRecord(target.signal.index()), target.values,
                            target.channelStart + r * spr, spr, target.signal.scale(), target.signal.offset());
                }
            }
        } else {
            int recordSamples = recordBytes / 2;
            ShortBuffer data = littleEndian.slice(layout.recordStart(0), records * recordBytes)
                    .order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            short[] scratch = new short[recordSamples];
            for (int r = 0; r < records; r++) {
                data.get(r * recordSamples, scratch);
                for (Target target : targets) {
                    int spr = target.signal.samplesPerRecord();
                    int2(scratch, layout.signalOffsetInRecord(target.signal.index()) / 2, target.values,
                            target.channelStart + r * spr, spr, target.signal.scale(), target.signal.offset());
                }
            }
        }
        return out;
    }

    private static void int2(short[] record, int from, double[] out, int to, int count, double scale,
                             double offset) {
        for (int s = 0; s < count; s++) {
            out[to + s] = record[from + s] * scale + offset;
        }
    }

    /** 24-bit little-endian two's complement: the top byte is sign-extended by the {@code byte} to int widening. */
    private static void int3(byte[] record, int from, double[] out, int to, int count, double scale,
                             double offset) {
        for (int s = 0; s < count; s++) {
            int p = from + 3 * s;
            int digital = (record[p] & 0xFF) | (record[p + 1] & 0xFF) << 8 | record[p + 2] << 16;
            out[to + s] = digital * scale + offset;
        }
    }
}
