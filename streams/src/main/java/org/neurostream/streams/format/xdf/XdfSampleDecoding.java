package org.neurostream.streams.format.xdf;

import java.nio.ByteBuffer;
import org.neurostream.streams.record.ValueFormat;

/**
 * Decodes the values of numeric XDF samples as they lie in a Samples chunk ({@code [timestamp flag][8-byte timestamp
 * if the flag is set][values]} per sample, little-endian) into a channel-major {@code double} array: the one decoding
 * of {@link XdfReader} (a whole stream) and {@link XdfRecordingHandle} (the blocks of a slice).
 */
final class XdfSampleDecoding {
    private XdfSampleDecoding() {
    }

    /** The position after {@code samples} samples of {@code sampleValueBytes} value bytes each from {@code pos}. */
    static int skip(ByteBuffer buf, int pos, int samples, int sampleValueBytes) {
        for (int s = 0; s < samples; s++) {
            pos += (buf.get(pos) != 0 ? 9 : 1) + sampleValueBytes;
        }
        return pos;
    }

    /**
     * Decodes {@code samples} samples from {@code pos} of {@code buf} (little-endian) into {@code values}: channel
     * {@code c} of the {@code i}-th sample goes to {@code values[c * columns + firstColumn + i]}.
     *
     * @return the position after the samples
     */
    static int decode(ByteBuffer buf, int pos, int samples, ValueFormat format, int channels, double[] values,
                      int columns, int firstColumn) {
        int width = format.bytesPerValue();
        int sampleBytes = channels * width;
        for (int s = 0; s < samples; s++) {
            pos += buf.get(pos) != 0 ? 9 : 1;
            int index = firstColumn + s;
            switch (format) {
                case FLOAT32 -> {
                    for (int c = 0; c < channels; c++, index += columns) {
                        values[index] = buf.getFloat(pos + c * width);
                    }
                }
                case DOUBLE64 -> {
                    for (int c = 0; c < channels; c++, index += columns) {
                        values[index] = buf.getDouble(pos + c * width);
                    }
                }
                case INT16 -> {
                    for (int c = 0; c < channels; c++, index += columns) {
                        values[index] = buf.getShort(pos + c * width);
                    }
                }
                case INT32 -> {
                    for (int c = 0; c < channels; c++, index += columns) {
                        values[index] = buf.getInt(pos + c * width);
                    }
                }
                case INT8 -> {
                    for (int c = 0; c < channels; c++, index += columns) {
                        values[index] = buf.get(pos + c);
                    }
                }
                case INT64 -> {
                    for (int c = 0; c < channels; c++, index += columns) {
                        values[index] = buf.getLong(pos + c * width);
                    }
                }
                default -> throw new IllegalStateException("not a numeric format: " + format);
            }
            pos += sampleBytes;
        }
        return pos;
    }
}
