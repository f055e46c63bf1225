package org.neurostream.streams.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.neurostream.streams.format.edf.EdfReader;
import org.neurostream.streams.format.edf.GdfReader;
import org.neurostream.streams.format.xdf.XdfReader;

/**
 * Opens any supported recording file by looking at its first bytes (not its name): the one entry point for the
 * CLI, replay and tools that accept "a recording".
 */
public final class Recordings {

    /** Reads a whole file of one format. */
    @FunctionalInterface
    private interface FormatReader {
        Recording read(Path file) throws IOException;
    }

    /** A supported format: its name, the magic bytes it starts with, and its reader. */
    private record Format(String name, byte[] magic, FormatReader reader) {
        boolean matches(byte[] head, int length) {
            return length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
        }

        String describe() {
            StringBuilder sb = new StringBuilder(name).append(" (starts with '");
            for (byte b : magic) {
                sb.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format(Locale.ROOT, "\\x%02X", b));
            }
            return sb.append("')").toString();
        }
    }

    private static final List<Format> FORMATS = List.of(
            new Format(XdfReader.FORMAT_NAME, "XDF:".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    XdfReader::read),
            new Format("EDF", "0       ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), EdfReader::read),
            new Format("BDF", new byte[] {(byte) 0xFF, 'B', 'I', 'O', 'S', 'E', 'M', 'I'}, EdfReader::read),
            new Format("GDF", "GDF ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), GdfReader::read));

    private static final int HEAD_BYTES = 16;

    private Recordings() {
    }

    /**
     * Reads {@code file} with the reader its magic bytes select (XDF with pyxdf's default options; EDF/EDF+ and
     * BDF/BDF+ by their version field; GDF 2.x by {@code "GDF "}).
     *
     * @throws RecordingFormatException at byte 0, listing the supported formats, when no format matches; or the
     *                                  format reader's own error when the file is damaged
     */
    public static Recording read(Path file) throws IOException {
        byte[] head = new byte[HEAD_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, HEAD_BYTES);
        }
        for (Format format : FORMATS) {
            if (format.matches(head, length)) {
                return format.reader().read(file);
            }
        }
        throw new RecordingFormatException(file, 0, "not a recording this tool can read"
                + (length == 0 ? " (the file is empty)" : "") + "; supported formats: "
                + FORMATS.stream().map(Format::describe).collect(Collectors.joining(", ")) + ".");
    }

    /** Names of the supported formats, for help texts. */
    public static List<String> supportedFormats() {
        return FORMATS.stream().map(Format::name).toList();
    }
}
