package org.neurostream.video.decode;

import java.io.IOException;
import org.neurostream.video.frame.Frame;

/**
 * Reads the frames of one video stream in presentation order. Implementations: {@link FfmpegFrameReader} (files and
 * V4L2 cameras), {@link ImageSequenceReader} (image folders), and the event-camera accumulator.
 *
 * <p>Not thread-safe: one reader belongs to one thread.
 */
public interface FrameReader extends AutoCloseable {

    /** Identifies the stream: the file path, folder or device. Every frame read carries it. */
    String streamKey();

    /**
     * The next frame, or {@code null} at the regular end of the stream.
     *
     * @throws VideoDecodeException when the next frame cannot be produced (corrupt, truncated or vanished input)
     */
    Frame next() throws IOException;

    /**
     * Skips frames until the next one read has index {@code frameIndex} (used to resume after a checkpoint). The
     * default decodes and drops the frames in between.
     */
    default void skipTo(long frameIndex) throws IOException {
        while (nextIndex() < frameIndex) {
            if (next() == null) {
                throw new VideoDecodeException(streamKey(), nextIndex(), "stream ended before frame " + frameIndex
                        + ", the position to resume from");
            }
        }
    }

    /** Index the next frame read will have. */
    long nextIndex();

    @Override
    void close() throws IOException;
}
