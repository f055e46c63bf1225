package org.neurostream.streams.format.aedat;

/** xxHash32 (Yann Collet's XXH32), the checksum of the LZ4 frame format. */
final class XxHash32 {
    private static final int P1 = 0x9E3779B1;
    private static final int P2 = 0x85EBCA77;
    private static final int P3 = 0xC2B2AE3D;
    private static final int P4 = 0x27D4EB2F;
    private static final int P5 = 0x165667B1;

    private XxHash32() {
    }

    static int hash(byte[] b, int off, int len, int seed) {
        int end = off + len;
        int p = off;
        int h;
        if (len >= 16) {
            int v1 = seed + P1 + P2;
            int v2 = seed + P2;
            int v3 = seed;
            int v4 = seed - P1;
            for (int limit = end - 16; p <= limit; p += 16) {
                v1 = round(v1, Lz4FrameDecoder.intLE(b, p));
                v2 = round(v2, Lz4FrameDecoder.intLE(b, p + 4));
                v3 = round(v3, Lz4FrameDecoder.intLE(b, p + 8));
                v4 = round(v4, Lz4FrameDecoder.intLE(b, p + 12));
            }
            h = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
                    + Integer.rotateLeft(v4, 18);
        } else {
            h = seed + P5;
        }
        h += len;
        for (; p + 4 <= end; p += 4) {
            h = Integer.rotateLeft(h + Lz4FrameDecoder.intLE(b, p) * P3, 17) * P4;
        }
        for (; p < end; p++) {
            h = Integer.rotateLeft(h + (b[p] & 0xff) * P5, 11) * P1;
        }
        h ^= h >>> 15;
        h *= P2;
        h ^= h >>> 13;
        h *= P3;
        h ^= h >>> 16;
        return h;
    }

    private static int round(int acc, int lane) {
        return Integer.rotateLeft(acc + lane * P2, 13) * P1;
    }
}
