package org.neurostream.streams.flink.replay;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingHandle;

/**
 * Reads a recording file; the replay source calls it on the enumerator ({@link #streamCount}, to plan a split per
 * stream) and on each reader ({@link #open}, to replay them). Serializable because it travels with the source to the
 * task managers. A reader that builds whole recordings implements {@link #read} only; its recordings are replayed
 * from memory.
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

    /**
     * How many streams {@link #read} gives for {@code file}: the enumerator plans one split per stream before any
     * reader replays it. The default reads the whole file; a reader whose streams are those of the file as
     * {@link org.neurostream.streams.format.Recordings#outline} lists them overrides this with that count, which
     * decodes no samples (a replay of twenty 60-s 64-channel files otherwise decodes them all once more, about a second
     * of CPU and a gigabyte of garbage, before the first sample is replayed).
     *
     * @throws IOException as {@link #read} would, naming the file and the problem
     */
    default int streamCount(Path file) throws IOException {
        return read(file).streams().size();
    }

    /**
     * Opens {@code file} for replay: a reader replays the streams of the handle and closes it when they are done.
     * The default is the recording {@link #read} gives, held whole in memory; {@link FileRecordingReader} opens
     * files with {@link org.neurostream.streams.format.Recordings#open}, which decodes EDF/BDF data records and XDF
     * sample values only as the replay reaches them, so a replay's memory follows its chunk size rather than the
     * files' length.
     * Whatever the handle, its streams must slice into the elements {@link #read}'s streams slice into.
     *
     * @throws IOException as {@link #read} would, naming the file and the problem
     */
    default RecordingHandle open(Path file) throws IOException {
        return read(file);
    }
}
