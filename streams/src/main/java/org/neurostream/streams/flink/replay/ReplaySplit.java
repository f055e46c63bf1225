package org.neurostream.streams.flink.replay;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One stream of one recording file to replay, and how far it has been replayed.
 *
 * @param file        the recording file's path as given to the source
 * @param fileIndex   the file's position in the source's file list (the same file may be listed twice)
 * @param streamIndex the stream's index in the recording's stream list
 * @param position    samples (markers for a marker stream) of the stream already emitted; 0 for a fresh split
 */
public record ReplaySplit(String file, int fileIndex, int streamIndex, long position) implements SourceSplit {

    public ReplaySplit {
        Objects.requireNonNull(file, "file");
        if (fileIndex < 0 || streamIndex < 0 || position < 0) {
            throw new IllegalArgumentException("Replay split of '" + file + "' has fileIndex " + fileIndex
                    + ", streamIndex " + streamIndex + " and position " + position + "; all must be >= 0.");
        }
    }

    /** A split for the start of stream {@code streamIndex} of file number {@code fileIndex}. */
    public static ReplaySplit start(String file, int fileIndex, int streamIndex) {
        return new ReplaySplit(file, fileIndex, streamIndex, 0);
    }

    @Override
    public String splitId() {
        return fileIndex + ":" + streamIndex + ":" + file;
    }

    /** This split with {@code newPosition} samples emitted. */
    public ReplaySplit withPosition(long newPosition) {
        return new ReplaySplit(file, fileIndex, streamIndex, newPosition);
    }
}
