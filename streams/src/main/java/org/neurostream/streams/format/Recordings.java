package org.neurostream.streams.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neurostream.streams.format.edf.EdfReader;

/**
 * Reads a recording file of any supported format, chosen by the file's magic bytes rather than its name.
 */
public final class Recordings {
    private static final int MAGIC_BYTES = 8;

    private Recordings() {
    }

    /**
     * Reads {@code file} whole with the reader its first bytes call for: EDF ({@code "0       "}) and BDF
     * ({@code 0xFF "BIOSEMI"}).
     *
     * @throws RecordingFormatException at byte 0 when the format is not recognised, or from the format's reader
     * @throws IOException              when the file cannot be read
     */
    public static Recording read(Path file) throws IOException {
        byte[] magic = new byte[MAGIC_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(magic, 0, MAGIC_BYTES);
        }
        if (n == MAGIC_BYTES && EdfReader.hasMagic(magic)) {
            return EdfReader.read(file);
        }
        throw new RecordingFormatException(file, 0, "Unknown recording format: the file starts with '"
                + printable(magic, n) + "', which is not the magic of an EDF ('0' and 7 spaces) or BDF"
                + " (0xFF 'BIOSEMI') file.");
    }

    private static String printable(byte[] bytes, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            s.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
        }
        return s.toString();
    }
}
