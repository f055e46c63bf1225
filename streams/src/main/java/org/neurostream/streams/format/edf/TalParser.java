package org.neurostream.streams.format.edf;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neurostream.streams.format.RecordingFormatException;

/**
 * Parses the Time-stamped Annotation Lists (TALs) of one EDF+/BDF+ annotation signal in one data record.
 *
 * <p>A TAL is {@code +onset[\x15duration]\x14[text\x14]...\x00}: an onset in seconds relative to the recording start
 * (always signed), an optional duration in seconds, then zero or more UTF-8 texts each closed by {@code \x14}. Unused
 * bytes of the signal are NUL. The first TAL of every record starts with an empty text: its onset is the record's
 * start time (the "time-keeping" TAL).
 */
final class TalParser {
    private static final byte ONSET_DURATION_SEPARATOR = 0x15;
    private static final byte TEXT_END = 0x14;

    /** One TAL: its onset and duration in seconds and its texts (the first is empty in a time-keeping TAL). */
    record Tal(double onsetSeconds, double durationSeconds, List<String> texts) {
    }

    private TalParser() {
    }

    /**
     * Parses the TALs in {@code bytes[start, start + length)}.
     *
     * @throws RecordingFormatException naming the byte where a TAL is malformed or unterminated
     */
    static List<Tal> parse(ByteBuffer bytes, int start, int length, Path file) throws RecordingFormatException {
        List<Tal> tals = new ArrayList<>();
        int end = start + length;
        int p = start;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        while (p < end) {
            if (bytes.get(p) == 0) {
                p++;
                continue;
            }
            int talStart = p;
            byte sign = bytes.get(p);
            if (sign != '+' && sign != '-') {
                throw new RecordingFormatException(file, p, "Annotation (TAL) starts with byte 0x"
                        + Integer.toHexString(sign & 0xFF) + " instead of the sign '+' or '-' of its onset.");
            }
            int numberEnd = scanNumber(bytes, p + 1, end);
            double onset = parseNumber(bytes, p, numberEnd, file, "onset");
            p = numberEnd;
            double duration = 0.0;
            if (p < end && bytes.get(p) == ONSET_DURATION_SEPARATOR) {
                int durationEnd = scanNumber(bytes, p + 1, end);
                duration = parseNumber(bytes, p + 1, durationEnd, file, "duration");
                p = durationEnd;
            }
            if (p >= end || bytes.get(p) != TEXT_END) {
                throw new RecordingFormatException(file, Math.min(p, end), "Annotation (TAL) starting at byte "
                        + talStart + " has no 0x14 after its onset and duration.");
            }
            p++;
            List<String> texts = new ArrayList<>(2);
            while (true) {
                if (p >= end) {
                    throw new RecordingFormatException(file, end, "Annotation (TAL) starting at byte " + talStart
                            + " is not terminated by 0x14 0x00 before the end of its annotation signal.");
                }
                if (bytes.get(p) == 0) {
                    p++;
                    break;
                }
                int textStart = p;
                while (p < end && bytes.get(p) != TEXT_END) {
                    p++;
                }
                if (p >= end) {
                    throw new RecordingFormatException(file, end, "Annotation (TAL) starting at byte " + talStart
                            + " has a text that is not terminated by 0x14 before the end of its annotation signal.");
                }
                texts.add(decode(bytes, textStart, p, utf8, file));
                p++;
            }
            if (texts.isEmpty()) {
                texts.add("");
            }
            tals.add(new Tal(onset, duration, texts));
        }
        return tals;
    }

    private static int scanNumber(ByteBuffer bytes, int p, int end) {
        while (p < end) {
            byte b = bytes.get(p);
            if ((b < '0' || b > '9') && b != '.') {
                break;
            }
            p++;
        }
        return p;
    }

    private static double parseNumber(ByteBuffer bytes, int from, int to, Path file, String what)
            throws RecordingFormatException {
        byte[] raw = new byte[to - from];
        bytes.get(from, raw);
        String s = new String(raw, StandardCharsets.US_ASCII);
        if (!s.matches("[+-]?\\d+\\.?\\d*")) {
            throw new RecordingFormatException(file, from, "Annotation (TAL) " + what + " is '" + s
                    + "', which is not a decimal number of seconds.");
        }
        return Double.parseDouble(s);
    }

    private static String decode(ByteBuffer bytes, int from, int to, CharsetDecoder utf8, Path file)
            throws RecordingFormatException {
        try {
            CharBuffer chars = utf8.decode(bytes.slice(from, to - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new RecordingFormatException(file, from, "Annotation text is not valid UTF-8.", e);
        }
    }
}
