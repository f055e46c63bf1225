package org.neurostream.streams.format.aedat;

import java.util.Arrays;

/**
 * Decodes one LZ4 frame (the LZ4 Frame Format 1.6.x: magic {@code 0x184D2204}, frame descriptor, data blocks, end
 * mark) into bytes. Written here because AEDAT4 writers use <em>linked</em> blocks (a match may reach into the previous
 * block), which lz4-java's frame stream refuses.
 *
 * <p>The header checksum, and block and content checksums when the frame has them, are verified (xxHash32). Every
 * length and match offset is bounds-checked; malformed input throws {@link IllegalArgumentException} with the byte
 * position in the frame and what is wrong. Dictionary ids (preset dictionaries) are refused.
 */
final class Lz4FrameDecoder {
    private static final int MAGIC = 0x184D2204;
    private static final int MIN_MATCH = 4;

    private Lz4FrameDecoder() {
    }

    /** Decompresses {@code src[0..length)}, a single LZ4 frame. */
    static byte[] decode(byte[] src, int length) {
        if (length < 7 || intLE(src, 0) != MAGIC) {
            throw new IllegalArgumentException("not an LZ4 frame: magic " + (length >= 4
                    ? String.format("0x%08X", intLE(src, 0)) : "missing") + " instead of 0x184D2204");
        }
        int flg = src[4] & 0xff;
        int bd = src[5] & 0xff;
        if ((flg >>> 6) != 1) {
            throw new IllegalArgumentException("LZ4 frame version " + (flg >>> 6) + " is not 1");
        }
        boolean blockChecksum = (flg & 0x10) != 0;
        boolean contentSize = (flg & 0x08) != 0;
        boolean contentChecksum = (flg & 0x04) != 0;
        if ((flg & 0x01) != 0) {
            throw new IllegalArgumentException("LZ4 frame needs a preset dictionary, which AEDAT4 does not provide");
        }
        int blockMaxCode = (bd >>> 4) & 0x7;
        if (blockMaxCode < 4) {
            throw new IllegalArgumentException("LZ4 block maximum size code " + blockMaxCode + " is not 4..7");
        }
        int blockMax = 1 << (8 + 2 * blockMaxCode);
        int pos = 6;
        long declaredSize = -1;
        if (contentSize) {
            require(pos + 8 <= length, pos, "content size cut off");
            declaredSize = longLE(src, pos);
            pos += 8;
        }
        require(pos < length, pos, "header checksum cut off");
        int expectedHc = (XxHash32.hash(src, 4, pos - 4, 0) >>> 8) & 0xff;
        require((src[pos] & 0xff) == expectedHc, pos, "frame header checksum mismatch");
        pos++;

        // LZ4 expands at most 255:1, so a larger declared size is corrupt (and must not allocate).
        long maxSize = 255L * length + 64;
        require(declaredSize <= maxSize, 6, "frame declares " + declaredSize + " bytes, more than " + length
                + " compressed bytes can hold");
        byte[] out = new byte[declaredSize > 0 ? (int) declaredSize : (int) Math.min(4L * length, maxSize)];
        int outLen = 0;
        while (true) {
            require(pos + 4 <= length, pos, "block size cut off (no end mark)");
            int word = intLE(src, pos);
            pos += 4;
            if (word == 0) {
                break;
            }
            boolean stored = (word & 0x80000000) != 0;
            int size = word & 0x7fffffff;
            require(size <= blockMax && pos + size <= length, pos - 4,
                    "block of " + size + " bytes exceeds the " + blockMax + "-byte maximum or the frame");
            if (out.length - outLen < blockMax) {
                out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8L,
                        Math.max(2L * out.length, (long) outLen + blockMax)));
            }
            if (blockChecksum) {
                require(pos + size + 4 <= length, pos + size, "block checksum cut off");
                require(XxHash32.hash(src, pos, size, 0) == intLE(src, pos + size), pos + size,
                        "block checksum mismatch");
            }
            if (stored) {
                System.arraycopy(src, pos, out, outLen, size);
                outLen += size;
            } else {
                outLen = decodeBlock(src, pos, pos + size, out, outLen, outLen + blockMax);
            }
            pos += size + (blockChecksum ? 4 : 0);
        }
        if (contentChecksum) {
            require(pos + 4 <= length, pos, "content checksum cut off");
            require(XxHash32.hash(out, 0, outLen, 0) == intLE(src, pos), pos, "content checksum mismatch");
        }
        if (declaredSize >= 0) {
            require(declaredSize == outLen, pos, "frame declares " + declaredSize + " bytes but holds " + outLen);
        }
        return Arrays.copyOf(out, outLen);
    }

    /** Decodes one compressed block; matches may reach back into earlier blocks' output (linked blocks). */
    private static int decodeBlock(byte[] src, int pos, int end, byte[] out, int outPos, int outLimit) {
        while (true) {
            require(pos < end, pos, "block ends inside a sequence");
            int token = src[pos++] & 0xff;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    require(pos < end, pos, "literal length cut off");
                    b = src[pos++] & 0xff;
                    literals += b;
                } while (b == 255);
            }
            require(pos + literals <= end && outPos + literals <= outLimit, pos,
                    literals + " literals run past the block");
            System.arraycopy(src, pos, out, outPos, literals);
            pos += literals;
            outPos += literals;
            if (pos == end) {
                return outPos; // the last sequence has literals only
            }
            require(pos + 2 <= end, pos, "match offset cut off");
            int offset = (src[pos] & 0xff) | (src[pos + 1] & 0xff) << 8;
            pos += 2;
            require(offset > 0 && offset <= outPos, pos - 2, "match offset " + offset + " reaches before the output");
            int matchLength = token & 0x0f;
            if (matchLength == 15) {
                int b;
                do {
                    require(pos < end, pos, "match length cut off");
                    b = src[pos++] & 0xff;
                    matchLength += b;
                } while (b == 255);
            }
            matchLength += MIN_MATCH;
            require(outPos + matchLength <= outLimit, pos, "match of " + matchLength + " bytes overruns the block");
            int from = outPos - offset;
            if (offset >= matchLength) {
                System.arraycopy(out, from, out, outPos, matchLength);
            } else {
                for (int i = 0; i < matchLength; i++) {
                    out[outPos + i] = out[from + i]; // overlapping copy repeats the last offset bytes
                }
            }
            outPos += matchLength;
        }
    }

    private static void require(boolean ok, int position, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("LZ4 frame byte " + position + ": " + problem);
        }
    }

    static int intLE(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static long longLE(byte[] b, int i) {
        return (intLE(b, i) & 0xffffffffL) | ((long) intLE(b, i + 4)) << 32;
    }
}
