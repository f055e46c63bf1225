package org.neurostream.video.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Turns decoded images of one fixed input size into network inputs: crop, grey or RGB, resize, normalize (see
 * {@link PreprocessSpec}). Output is planar ({@code [channel][y][x]}) as in {@link Frame}.
 *
 * <p>Everything the hot loop needs (the intermediate buffer, resize index and weight tables) is allocated once in the
 * constructor, so {@link #process(ByteBuffer, int, float[])} and {@link #process(Frame, float[])} allocate nothing
 * per frame. Not thread-safe: the intermediate buffer is shared between calls; use one instance per thread or stream.
 */
public final class FramePreprocessor {
    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;

    private final PreprocessSpec spec;
    private final int inputWidth;
    private final int inputHeight;
    private final int inputChannels;
    private final Crop crop;
    private final int outChannels;
    private final int outWidth;
    private final int outHeight;
    /** Cropped, colour-converted planar image before resizing; null when no resize is needed. */
    private final float[] work;
    private final Resampler resampler;
    private final float[] scale;
    private final float[] offset;

    /**
     * @param spec what to do
     * @param inputWidth width of every input image in pixels
     * @param inputHeight height of every input image in pixels
     * @param inputChannels channels of every input image: 1 (grey) or 3 (RGB)
     */
    public FramePreprocessor(PreprocessSpec spec, int inputWidth, int inputHeight, int inputChannels) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (inputWidth <= 0 || inputHeight <= 0) {
            throw new IllegalArgumentException("input size must be positive, but got " + inputWidth + "x" + inputHeight);
        }
        if (inputChannels != 1 && inputChannels != 3) {
            throw new IllegalArgumentException("inputChannels must be 1 (grey) or 3 (RGB), but got " + inputChannels);
        }
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.inputChannels = inputChannels;
        this.crop = spec.crop() == null ? new Crop(0, 0, inputWidth, inputHeight) : spec.crop();
        crop.checkInside(inputWidth, inputHeight);
        this.outChannels = spec.colour().channels();
        boolean resizing = spec.outputWidth() != 0
                && (spec.outputWidth() != crop.width() || spec.outputHeight() != crop.height());
        this.outWidth = resizing ? spec.outputWidth() : crop.width();
        this.outHeight = resizing ? spec.outputHeight() : crop.height();
        if (resizing) {
            work = new float[outChannels * crop.width() * crop.height()];
            resampler = spec.resize() == ResizeMethod.AREA
                    ? Resampler.area(crop.width(), crop.height(), outWidth, outHeight)
                    : Resampler.bilinear(crop.width(), crop.height(), outWidth, outHeight);
        } else {
            work = null;
            resampler = null;
        }
        this.scale = new float[outChannels];
        this.offset = new float[outChannels];
        Normalization norm = spec.normalization();
        for (int c = 0; c < outChannels; c++) {
            if (norm instanceof Normalization.MeanStd m) {
                scale[c] = (float) (1.0 / (255.0 * m.std()[c]));
                offset[c] = (float) (-m.mean()[c] / m.std()[c]);
            } else {
                scale[c] = norm instanceof Normalization.UnitRange ? 1f / 255f : 1f;
            }
        }
    }

    public PreprocessSpec spec() {
        return spec;
    }

    public int outputWidth() {
        return outWidth;
    }

    public int outputHeight() {
        return outHeight;
    }

    public int outputChannels() {
        return outChannels;
    }

    /** Number of values one output holds, {@code channels * height * width}. */
    public int outputSize() {
        return outChannels * outHeight * outWidth;
    }

    /**
     * Preprocesses one packed 8-bit image (RGB24 or GRAY8, rows {@code rowStrideBytes} apart, starting at the buffer's
     * position, which is left unchanged) into {@code out}.
     */
    public void process(ByteBuffer packed, int rowStrideBytes, float[] out) {
        checkOut(out);
        if (rowStrideBytes < inputWidth * inputChannels) {
            throw new IllegalArgumentException("row stride " + rowStrideBytes + " bytes is shorter than a row of "
                    + inputWidth + " pixels x " + inputChannels + " channels");
        }
        float[] target = work != null ? work : out;
        int base = packed.position();
        int cw = crop.width();
        int ch = crop.height();
        int plane = cw * ch;
        for (int y = 0; y < ch; y++) {
            int row = base + (crop.y() + y) * rowStrideBytes + crop.x() * inputChannels;
            int dst = y * cw;
            if (inputChannels == 3) {
                for (int x = 0; x < cw; x++) {
                    int p = row + 3 * x;
                    float r = packed.get(p) & 0xff;
                    float g = packed.get(p + 1) & 0xff;
                    float b = packed.get(p + 2) & 0xff;
                    putColour(target, dst + x, plane, r, g, b);
                }
            } else {
                for (int x = 0; x < cw; x++) {
                    float v = packed.get(row + x) & 0xff;
                    putGrey(target, dst + x, plane, v);
                }
            }
        }
        finish(out);
    }

    /** Preprocesses a planar frame of the input size (values as grey levels 0–255) into {@code out}. */
    public void process(Frame frame, float[] out) {
        checkOut(out);
        if (frame.width() != inputWidth || frame.height() != inputHeight || frame.channels() != inputChannels) {
            throw new IllegalArgumentException("frame " + frame + " is " + frame.width() + "x" + frame.height() + "x"
                    + frame.channels() + " but this preprocessor takes " + inputWidth + "x" + inputHeight + "x"
                    + inputChannels);
        }
        float[] target = work != null ? work : out;
        int cw = crop.width();
        int ch = crop.height();
        int plane = cw * ch;
        int inPlane = inputWidth * inputHeight;
        for (int y = 0; y < ch; y++) {
            int src = (crop.y() + y) * inputWidth + crop.x();
            int dst = y * cw;
            for (int x = 0; x < cw; x++) {
                if (inputChannels == 3) {
                    putColour(target, dst + x, plane, frame.pixel(src + x), frame.pixel(inPlane + src + x),
                            frame.pixel(2 * inPlane + src + x));
                } else {
                    putGrey(target, dst + x, plane, frame.pixel(src + x));
                }
            }
        }
        finish(out);
    }

    /** Preprocesses {@code frame} into a new frame with the same key, index and time (allocates its output). */
    public Frame apply(Frame frame) {
        float[] out = new float[outputSize()];
        process(frame, out);
        return Frame.wrap(frame.streamKey(), frame.frameIndex(), frame.presentationTimeSeconds(), outWidth, outHeight,
                outChannels, out);
    }

    private void putColour(float[] target, int i, int plane, float r, float g, float b) {
        if (outChannels == 1) {
            target[i] = LUMA_R * r + LUMA_G * g + LUMA_B * b;
        } else {
            target[i] = r;
            target[plane + i] = g;
            target[2 * plane + i] = b;
        }
    }

    private void putGrey(float[] target, int i, int plane, float v) {
        target[i] = v;
        if (outChannels == 3) {
            target[plane + i] = v;
            target[2 * plane + i] = v;
        }
    }

    private void finish(float[] out) {
        if (resampler != null) {
            resampler.resample(work, out, outChannels);
        }
        int plane = outWidth * outHeight;
        for (int c = 0; c < outChannels; c++) {
            float s = scale[c];
            float o = offset[c];
            if (s == 1f && o == 0f) {
                continue;
            }
            for (int i = c * plane, end = i + plane; i < end; i++) {
                out[i] = out[i] * s + o;
            }
        }
    }

    private void checkOut(float[] out) {
        if (out.length != outputSize()) {
            throw new IllegalArgumentException("output array has " + out.length + " values but "
                    + outChannels + "x" + outHeight + "x" + outWidth + " needs " + outputSize());
        }
    }
}
