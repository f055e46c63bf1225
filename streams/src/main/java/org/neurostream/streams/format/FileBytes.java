package org.neurostream.streams.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Maps a whole recording file read-only, so that readers decode straight from the page cache. */
public final class FileBytes {
    private FileBytes() {
    }

    /**
     * The file's bytes; files above 2 GiB (the limit of one {@link ByteBuffer}) fail with a
     * {@link RecordingFormatException} naming {@code format}.
     */
    public static ByteBuffer map(Path file, String format) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new RecordingFormatException(file, 0, "File has " + size + " bytes; " + format
                        + " files above 2 GiB are not supported.");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }
}
