package org.neurostream.streams.format;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A recording file opened for replay ({@link Recordings#open}): its streams, each sliced on demand. A
 * {@link Recording} is one, decoded whole when it was read; an EDF/BDF file opened this way keeps its header and
 * annotations and reads its data records from the file as its streams are sliced, and an XDF file keeps its streams'
 * timestamps and string streams and reads its numeric sample values as its streams are sliced. Close it when its
 * streams have been replayed; closing a {@link Recording} does nothing.
 */
public interface RecordingHandle extends Closeable {

    /** The file opened. */
    Path file();

    /** The streams in file order. */
    List<? extends StreamHandle> streams();

    /** Releases the file; the default (a recording held in memory) has nothing to release. */
    @Override
    default void close() throws IOException {
    }
}
