package org.neurostream.streams.flink.replay;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.neurostream.streams.format.Recording;

/**
 * Reads a whole recording file; the replay source calls it on the enumerator (to count streams) and on each reader
 * (to replay them). Serializable because it travels with the source to the task managers.
 */
@FunctionalInterface
public interface RecordingReader extends Serializable {

    /**
     * Reads {@code file}.
     *
     * @throws IOException a {@link org.neurostream.streams.format.RecordingFormatException} naming the file, byte
     *                     offset and problem when the file is broken, or another I/O error
     */
    Recording read(Path file) throws IOException;
}
