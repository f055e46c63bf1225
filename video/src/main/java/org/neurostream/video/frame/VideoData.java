package org.neurostream.video.frame;

/**
 * One element of a flow of video streams: a {@link Frame}, or a {@link VideoStreamError} saying that a stream broke
 * off (so the error travels with the data, names the stream and frame, and the other streams go on).
 */
public sealed interface VideoData permits Frame, VideoStreamError {

    /** The stream the element belongs to. */
    String streamKey();

    /** Index of the frame (for an error: of the first frame that could not be produced). */
    long frameIndex();
}
