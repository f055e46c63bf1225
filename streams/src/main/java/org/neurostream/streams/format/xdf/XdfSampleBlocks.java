package org.neurostream.streams.format.xdf;

import java.util.Arrays;

/**
 * Where a numeric stream's samples lie in an XDF file: its Samples chunks cut into blocks of consecutive samples of at
 * most about {@value #BLOCK_BYTES} bytes (a block never spans two chunks; a single larger sample is a block of its
 * own). Each block is its first sample's byte offset in the file (at its timestamp flag), the byte offset after its
 * last sample and its sample count, so that {@link XdfReader} decodes a whole stream block by block and
 * {@link XdfRecordingHandle} reads and decodes only the blocks a slice spans, whatever the size of the file's chunks.
 * Three {@code int}s per block: under 0.02 % of the decoded values of a 64-channel float32 stream.
 */
final class XdfSampleBlocks {
    /** The byte size at which the walk starts a new block inside a Samples chunk. */
    static final int BLOCK_BYTES = 1 << 16;

    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int[] sampleCounts = new int[8];
    private int count;

    /** Appends the block of {@code samples} samples at bytes {@code [start, end)}. */
    void add(int start, int end, int samples) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            sampleCounts = Arrays.copyOf(sampleCounts, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        sampleCounts[count] = samples;
        count++;
    }

    int count() {
        return count;
    }

    /** Byte offset of block {@code block}'s first sample (its timestamp flag) in the file. */
    int start(int block) {
        return starts[block];
    }

    /** Byte offset just after block {@code block}'s last sample. */
    int end(int block) {
        return ends[block];
    }

    int sampleCount(int block) {
        return sampleCounts[block];
    }

    /** The index of each block's first sample in the stream, plus the total as a last element. */
    int[] firstSamples() {
        int[] first = new int[count + 1];
        for (int b = 0; b < count; b++) {
            first[b + 1] = first[b] + sampleCounts[b];
        }
        return first;
    }
}
