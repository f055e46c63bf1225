package org.neurostream.streams.format;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A recording file that cannot be read as its format says: names the file, the byte offset where the problem was
 * found and what is wrong, so a user can tell a truncated download from a corrupted chunk.
 */
public final class RecordingFormatException extends IOException {
    private final transient Path file;
    private final long byteOffset;
    private final String problem;

    public RecordingFormatException(Path file, long byteOffset, String problem) {
        this(file, byteOffset, problem, null);
    }

    public RecordingFormatException(Path file, long byteOffset, String problem, Throwable cause) {
        super(file + ": at byte " + byteOffset + ": " + problem, cause);
        this.file = file;
        this.byteOffset = byteOffset;
        this.problem = problem;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** Offset in bytes from the start of the file where the problem was found. */
    public long byteOffset() {
        return byteOffset;
    }

    /** What is wrong, without the file and offset. */
    public String problem() {
        return problem;
    }
}
