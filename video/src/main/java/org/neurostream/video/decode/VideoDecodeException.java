package org.neurostream.video.decode;

import java.io.IOException;

/**
 * A video stream (file, image folder, camera) that cannot be decoded: names the stream, the index of the frame that
 * could not be produced and what is wrong, so a user can tell a truncated download from an unreadable file.
 */
public final class VideoDecodeException extends IOException {
    private final String streamKey;
    private final long frameIndex;
    private final String problem;

    /**
     * @param streamKey the file path or device
     * @param frameIndex zero-based index of the frame that could not be produced (0 when the stream cannot be opened)
     * @param problem what is wrong, without the stream and frame
     */
    public VideoDecodeException(String streamKey, long frameIndex, String problem, Throwable cause) {
        super(streamKey + ": at frame " + frameIndex + ": " + problem, cause);
        this.streamKey = streamKey;
        this.frameIndex = frameIndex;
        this.problem = problem;
    }

    public VideoDecodeException(String streamKey, long frameIndex, String problem) {
        this(streamKey, frameIndex, problem, null);
    }

    /** The file path or device that could not be decoded. */
    public String streamKey() {
        return streamKey;
    }

    /** Zero-based index of the frame that could not be produced. */
    public long frameIndex() {
        return frameIndex;
    }

    /** What is wrong, without the stream and frame. */
    public String problem() {
        return problem;
    }
}
