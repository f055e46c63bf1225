package org.neurostream.streams.flink.replay;

import java.io.IOException;
import java.nio.file.Path;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.Recordings;

/**
 * The replay's default reader: files opened with {@link Recordings#open}, which recognises the format by its magic
 * bytes and decodes EDF/BDF data records and XDF sample values only as the replay reaches them
 * ({@link Recordings#read} for a whole recording), and the stream count from the file's
 * {@linkplain Recordings#outline outline}, without decoding its samples.
 *
 * <p>{@link #decodingWholeFiles()} is the same reader replaying every file decoded whole, as the replay did before
 * EDF/BDF and XDF files were decoded on demand: the baseline that memory benchmarks and equivalence tests compare
 * against.
 */
public final class FileRecordingReader implements RecordingReader {
    private static final long serialVersionUID = 1L;

    private final boolean onDemand;

    /** The default reader: EDF/BDF and XDF files decoded on demand. */
    public FileRecordingReader() {
        this(true);
    }

    private FileRecordingReader(boolean onDemand) {
        this.onDemand = onDemand;
    }

    /** A reader that replays every file decoded whole ({@link Recordings#read}), whatever its format. */
    public static FileRecordingReader decodingWholeFiles() {
        return new FileRecordingReader(false);
    }

    @Override
    public Recording read(Path file) throws IOException {
        return Recordings.read(file);
    }

    @Override
    public RecordingHandle open(Path file) throws IOException {
        return onDemand ? Recordings.open(file) : read(file);
    }

    @Override
    public int streamCount(Path file) throws IOException {
        return Recordings.outline(file).size();
    }
}
