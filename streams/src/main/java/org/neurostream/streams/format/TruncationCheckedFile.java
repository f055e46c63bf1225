package org.neurostream.streams.format;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.function.LongFunction;

/**
 * A recording file read at byte positions while it is replayed (the on-demand {@link RecordingHandle}s of EDF/BDF and
 * XDF): plain reads through a {@link RandomAccessFile} (which a thread interrupt does not close, and which adds no
 * mapped pages to the replay's resident memory), and the one check every such read needs: a file cut after it was
 * opened fails the read with a {@link RecordingFormatException} naming the file, the byte it now ends at and what was
 * being read, instead of a fault in mapped memory.
 *
 * <p>Not thread-safe: one replay reader reads on its fetcher thread.
 */
public final class TruncationCheckedFile implements Closeable {
    private final Path file;
    private final long bytesWhenOpened;
    private final String formatName;
    private final RandomAccessFile data;

    /**
     * @param file            the file
     * @param bytesWhenOpened its length when the handle reading it was opened, bytes
     * @param formatName      its format as messages name it, e.g. {@code EDF+} or {@code XDF}
     */
    public TruncationCheckedFile(Path file, long bytesWhenOpened, String formatName) throws IOException {
        this.file = file;
        this.bytesWhenOpened = bytesWhenOpened;
        this.formatName = formatName;
        this.data = new RandomAccessFile(file.toFile(), "r");
    }

    /**
     * Reads bytes {@code [start, start + length)} into {@code into} from {@code offset}.
     *
     * @param whereItEnds what the read was cut short of, given the file's length now (bytes), completing "it ends
     *                    ...", e.g. "inside data record 7 of 125"
     * @throws RecordingFormatException when the file now ends before {@code start + length}
     */
    public void readFully(long start, int length, byte[] into, int offset, LongFunction<String> whereItEnds)
            throws IOException {
        data.seek(start);
        try {
            data.readFully(into, offset, length);
        } catch (EOFException e) {
            long now = data.length();
            throw new RecordingFormatException(file, now, "File is truncated: it ends " + whereItEnds.apply(now)
                    + " (it had " + bytesWhenOpened + " bytes when the replay opened it; the " + formatName
                    + " file was cut while it was being replayed).", e);
        }
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
