package org.neurostream.video.frame;

/** How {@link FramePreprocessor} resizes. Both follow OpenCV's {@code cv2.resize} on float images. */
public enum ResizeMethod {
    /**
     * Bilinear interpolation with half-pixel centres ({@code srcX = (dstX + 0.5) * inW / outW - 0.5}) and edge pixels
     * replicated, as {@code cv2.INTER_LINEAR}; no anti-aliasing, so strong downscaling aliases.
     */
    BILINEAR,
    /**
     * Pixel-area averaging: each output pixel is the mean of the input area it covers, partially covered input pixels
     * weighted by their covered fraction, as {@code cv2.INTER_AREA}. Downscaling only (the anti-aliased choice).
     */
    AREA
}
