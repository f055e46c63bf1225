package org.neurostream.streams.flink.replay;

import java.io.IOException;
import java.nio.file.Path;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.Recordings;

/**
 * The replay's default reader: {@link Recordings#read}, which recognises the format by its magic bytes, and the
 * stream count from the file's {@linkplain Recordings#outline outline}, without decoding its samples.
 */
public final class FileRecordingReader implements RecordingReader {
    private static final long serialVersionUID = 1L;

    @Override
    public Recording read(Path file) throws IOException {
        return Recordings.read(file);
    }

    @Override
    public int streamCount(Path file) throws IOException {
        return Recordings.outline(file).size();
    }
}
