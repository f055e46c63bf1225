package org.neurostream.video.frame;

import java.util.Objects;

/**
 * What {@link FramePreprocessor} does to each frame, in this order: crop, colour conversion, resize, normalization.
 *
 * @param crop the region kept, or {@code null} for the whole frame
 * @param colour grey or RGB output
 * @param outputWidth width after resizing in pixels, or 0 to keep the (cropped) width; set with {@code outputHeight}
 * @param outputHeight height after resizing in pixels, or 0 to keep the (cropped) height
 * @param resize how to resize when the output size differs from the cropped size
 * @param normalization how values are scaled at the end
 */
public record PreprocessSpec(Crop crop, ColourMode colour, int outputWidth, int outputHeight, ResizeMethod resize,
                             Normalization normalization) implements java.io.Serializable {

    public PreprocessSpec {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(resize, "resize");
        Objects.requireNonNull(normalization, "normalization");
        if (outputWidth < 0 || outputHeight < 0 || (outputWidth == 0) != (outputHeight == 0)) {
            throw new IllegalArgumentException("outputWidth and outputHeight must both be positive, or both 0 to keep "
                    + "the size, but got " + outputWidth + "x" + outputHeight);
        }
        if (normalization instanceof Normalization.MeanStd m && m.mean().length != colour.channels()) {
            throw new IllegalArgumentException("mean/std normalization has " + m.mean().length + " channel values but "
                    + colour + " frames have " + colour.channels() + " channels");
        }
    }

    /** Keeps the whole frame at its size, in {@code colour}, with grey levels 0–255. */
    public static PreprocessSpec of(ColourMode colour) {
        return new PreprocessSpec(null, colour, 0, 0, ResizeMethod.BILINEAR, Normalization.none());
    }

    public PreprocessSpec withCrop(Crop newCrop) {
        return new PreprocessSpec(newCrop, colour, outputWidth, outputHeight, resize, normalization);
    }

    public PreprocessSpec withResize(int width, int height, ResizeMethod method) {
        return new PreprocessSpec(crop, colour, width, height, method, normalization);
    }

    public PreprocessSpec withNormalization(Normalization newNormalization) {
        return new PreprocessSpec(crop, colour, outputWidth, outputHeight, resize, newNormalization);
    }
}
