package org.neurostream.video.frame;

/**
 * A rectangle of a frame in pixels, the top-left corner at column {@code x}, row {@code y}.
 *
 * @param x first column, from 0
 * @param y first row, from 0
 * @param width number of columns, positive
 * @param height number of rows, positive
 */
public record Crop(int x, int y, int width, int height) implements java.io.Serializable {
    public Crop {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a crop needs x, y >= 0 and a positive size, but got " + x + "," + y + " "
                    + width + "x" + height);
        }
    }

    /** Checks that the crop lies inside a {@code frameWidth} × {@code frameHeight} frame. */
    void checkInside(int frameWidth, int frameHeight) {
        if ((long) x + width > frameWidth || (long) y + height > frameHeight) {
            throw new IllegalArgumentException("crop " + width + "x" + height + " at " + x + "," + y
                    + " does not fit in a " + frameWidth + "x" + frameHeight + " frame");
        }
    }
}
