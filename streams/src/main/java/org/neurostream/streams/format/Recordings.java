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
import org.neurostream.streams.format.xdf.XdfReadOptions;
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

    /** Outlines a file of one format without decoding its samples. */
    @FunctionalInterface
    private interface FormatOutliner {
        List<StreamOutline> outline(Path file) throws IOException;
    }

    /** Opens a file of one format for replay. */
    @FunctionalInterface
    private interface FormatOpener {
        RecordingHandle open(Path file) throws IOException;
    }

    /**
     * A supported format: its name, the magic bytes it starts with, its reader, its outliner and how it is opened for
     * replay (formats without a lazy decoder are read whole).
     */
    private record Format(String name, byte[] magic, FormatReader reader, FormatOutliner outliner,
                          FormatOpener opener) {
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
                    XdfReader::read, file -> XdfReader.outline(file, XdfReadOptions.defaults()), XdfReader::open),
            new Format("EDF", "0       ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), EdfReader::read,
                    EdfReader::outline, EdfReader::open),
            new Format("BDF", new byte[] {(byte) 0xFF, 'B', 'I', 'O', 'S', 'E', 'M', 'I'}, EdfReader::read,
                    EdfReader::outline, EdfReader::open),
            new Format("GDF", "GDF ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), GdfReader::read,
                    GdfReader::outline, GdfReader::read));

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
        return format(file).reader().read(file);
    }

    /**
     * What {@code file} holds without decoding its samples: each stream's description, sample count and last
     * timestamp, exactly as {@link #read} gives them, for a fraction of its CPU time and memory (EDF/BDF/GDF from
     * the header and annotations or events; XDF from the chunk headers and sample timestamps).
     *
     * @throws RecordingFormatException exactly when {@link #read} throws it, with the same file, byte and problem:
     *                                  both make the same checks (no format matches, the file is damaged); decoding
     *                                  the values, which only {@code read} does, checks nothing more
     */
    public static List<StreamOutline> outline(Path file) throws IOException {
        return format(file).outliner().outline(file);
    }

    /**
     * Opens {@code file} for replay with the format its magic bytes select: EDF/EDF+/BDF/BDF+ files keep their header
     * and annotations and decode their data records only when a stream is {@linkplain StreamHandle#slice sliced}
     * there (memory per stream in proportion to the slice, not the file); XDF files keep their streams' timestamps
     * and string streams and decode numeric values only when a slice reaches them ({@link XdfReader#open}); GDF files
     * are {@linkplain #read read} whole. Every stream slices into the elements {@link RecordedStream#slice} gives for
     * the file read whole.
     *
     * @throws RecordingFormatException exactly when {@link #read} throws it, with the same file, byte and problem:
     *                                  the header and annotations (EDF/BDF) or every chunk (XDF) are checked here,
     *                                  and the data records' size was checked against the header
     */
    public static RecordingHandle open(Path file) throws IOException {
        return format(file).opener().open(file);
    }

    /** The format {@code file}'s magic bytes select. */
    private static Format format(Path file) throws IOException {
        byte[] head = new byte[HEAD_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, HEAD_BYTES);
        }
        for (Format format : FORMATS) {
            if (format.matches(head, length)) {
                return format;
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
