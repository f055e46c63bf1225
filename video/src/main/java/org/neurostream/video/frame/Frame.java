package org.neurostream.video.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * One video frame of one stream: an immutable image with its place in the stream.
 *
 * <p>Pixels are {@code float}s in <b>channel-major (planar) order</b>, {@code pixel(c, y, x) = pixels[(c * height + y)
 * * width + x]}, the layout a CNN consumes and the same channel-major convention as {@code SampleChunk}. Floats rather
 * than bytes so that decoded frames (0–255 grey levels), normalized frames and event-count frames share one type. A
 * 3-channel frame is RGB in that order; a 1-channel frame is grey (or a signed event sum); a 2-channel frame holds
 * event-camera polarity counts, channel 0 OFF and channel 1 ON.
 *
 * <p>The frame owns its pixel array: {@link #of} copies it, and {@link #pixels()} returns a copy. Hot paths read it
 * without copying through {@link #pixel(int)} or {@link #copyPixelsTo(float[], int)}.
 *
 * @param streamKey identifies the stream the frame belongs to (a file path, a camera device, an event file)
 * @param frameIndex zero-based position of the frame in its stream
 * @param presentationTimeSeconds presentation time of the frame in seconds from the start of its stream
 * @param width width in pixels
 * @param height height in pixels
 * @param channels 1 (grey), 2 (event OFF/ON counts) or 3 (RGB)
 * @param pixels planar pixel values, {@code channels * height * width} of them
 */
public record Frame(String streamKey, long frameIndex, double presentationTimeSeconds, int width, int height,
                    int channels, float[] pixels) implements VideoData {

    public Frame {
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(pixels, "pixels");
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frameIndex must be >= 0, but got " + frameIndex);
        }
        if (!Double.isFinite(presentationTimeSeconds)) {
            throw new IllegalArgumentException("presentationTimeSeconds must be finite, but got " + presentationTimeSeconds);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive, but got " + width + "x" + height);
        }
        if (channels < 1 || channels > 3) {
            throw new IllegalArgumentException("channels must be 1 (grey), 2 (event OFF/ON) or 3 (RGB), but got "
                    + channels);
        }
        long expected = (long) channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values but " + channels + "x" + height
                    + "x" + width + " needs " + expected);
        }
    }

    /** A frame holding a copy of {@code pixels}. */
    public static Frame of(String streamKey, long frameIndex, double presentationTimeSeconds, int width, int height,
                           int channels, float[] pixels) {
        return new Frame(streamKey, frameIndex, presentationTimeSeconds, width, height, channels, pixels.clone());
    }

    /**
     * A frame that takes ownership of {@code pixels} without copying: the caller hands the array over and must not
     * touch it afterwards. For producers that allocate a fresh array per emitted frame anyway.
     */
    public static Frame wrap(String streamKey, long frameIndex, double presentationTimeSeconds, int width, int height,
                             int channels, float[] pixels) {
        return new Frame(streamKey, frameIndex, presentationTimeSeconds, width, height, channels, pixels);
    }

    /** A copy of the planar pixel values. */
    @Override
    public float[] pixels() {
        return pixels.clone();
    }

    /** Number of pixel values, {@code channels * height * width}. */
    public int size() {
        return pixels.length;
    }

    /** Pixel value at planar index {@code i}. */
    public float pixel(int i) {
        return pixels[i];
    }

    /** Pixel value of channel {@code c} at row {@code y}, column {@code x}. */
    public float pixel(int c, int y, int x) {
        return pixels[(c * height + y) * width + x];
    }

    /** Copies the planar pixel values into {@code dst} starting at {@code offset}, without allocating. */
    public void copyPixelsTo(float[] dst, int offset) {
        System.arraycopy(pixels, 0, dst, offset, pixels.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && frameIndex == f.frameIndex
                && Double.compare(presentationTimeSeconds, f.presentationTimeSeconds) == 0
                && width == f.width && height == f.height && channels == f.channels
                && streamKey.equals(f.streamKey) && Arrays.equals(pixels, f.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamKey, frameIndex, presentationTimeSeconds, width, height, channels)
                * 31 + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Frame[" + streamKey + " #" + frameIndex + " t=" + presentationTimeSeconds + "s " + width + "x" + height
                + "x" + channels + "]";
    }
}
