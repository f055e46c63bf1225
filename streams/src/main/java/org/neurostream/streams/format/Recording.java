package org.neurostream.streams.format;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A recording file read whole: its streams and the non-fatal problems the reader found (for example a stream
 * footer that disagrees with the samples, or an EDF header whose record count was wrong and had to be corrected).
 * As a {@link RecordingHandle} it slices its streams from memory.
 *
 * @param file     the file read
 * @param format   the format name: {@code XDF}, {@code EDF}, {@code EDF+}, {@code BDF}, {@code BDF+} or {@code GDF}
 * @param streams  the streams in file order
 * @param problems human-readable descriptions of recoverable problems, empty for a clean file
 */
public record Recording(Path file, String format, List<RecordedStream> streams, List<String> problems)
        implements RecordingHandle {
    public Recording {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        streams = List.copyOf(streams);
        problems = List.copyOf(problems);
    }
}
