package org.neurostream.video.frame;

import java.util.Objects;

/**
 * A video stream that broke off: no frame of it follows.
 *
 * @param streamKey the stream (file, folder, device)
 * @param frameIndex index of the first frame that could not be produced
 * @param message what went wrong, naming the stream and the frame (and the byte offset where the format knows it)
 */
public record VideoStreamError(String streamKey, long frameIndex, String message) implements VideoData {
    public VideoStreamError {
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(message, "message");
    }
}
