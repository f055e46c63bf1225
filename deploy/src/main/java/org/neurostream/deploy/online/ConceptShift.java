package org.neurostream.deploy.online;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurostream.streams.flink.replay.RecordingReader;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.Recordings;

/**
 * Injects a concept shift into one recording as it is read, for the acceptance experiment: either the two cue labels
 * are swapped (the user's mapping of imagery to classes flips), or every EEG channel's gain changes (a different
 * amplifier or electrode impedance). Other files are read unchanged.
 *
 * @param kind the shift
 * @param shiftedFile the file name (not path) to shift, e.g. {@code S001R14.edf}
 * @param labelA first cue label of a swap
 * @param labelB second cue label of a swap
 */
public record ConceptShift(Kind kind, String shiftedFile, String labelA, String labelB) implements RecordingReader {
    private static final long serialVersionUID = 1L;

    /** The injected shift. */
    public enum Kind {
        /** No shift. */
        NONE,
        /** Cue labels A and B exchanged. */
        SWAPPED_LABELS,
        /** Channel gains changed: channel c is multiplied by 0.4 + 1.2·c/(C−1) (0.4 to 1.6). */
        CHANNEL_GAINS,
        /**
         * Development shift only (not one of the acceptance's {@link #ACCEPTANCE} shifts): the same gains 0.4 to 1.6 as
         * {@link #CHANNEL_GAINS}, but interleaved over the channels: channel c gets the gain of position rank(rev(c)),
         * rev the bit reversal of c over ⌈log₂ C⌉ bits (for 64 channels a permutation of 0..63), so that neighbouring
         * channels, which the spatial filters weigh together, get gains far apart. {@link #CHANNEL_GAINS} changes the
         * channels along the montage's order, and the motor channels of eegmmidb (the first 21) all lie in its lowest
         * third (0.4 to 0.8), so it hardly changes their relative weights; this one does, by up to 4×.
         */
        CHANNEL_GAINS_INTERLEAVED;

        /** The shifts of the acceptance experiment, in its order. */
        public static final List<Kind> ACCEPTANCE = List.of(NONE, SWAPPED_LABELS, CHANNEL_GAINS);

        /** The kind named by {@link #text()}. */
        public static Kind ofText(String text) {
            for (Kind k : values()) {
                if (k.text().equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("Unknown concept shift '" + text + "'; expected one of "
                    + java.util.Arrays.stream(values()).map(Kind::text).toList() + ".");
        }

        /** The gain of channel {@code c} of {@code channels} under this shift (1 for shifts that keep the gains). */
        public double gain(int c, int channels) {
            return switch (this) {
                case CHANNEL_GAINS -> 0.4 + 1.2 * c / Math.max(1, channels - 1);
                case CHANNEL_GAINS_INTERLEAVED -> 0.4 + 1.2 * interleavedPosition(c, channels) / Math.max(1, channels - 1);
                default -> 1;
            };
        }

        private static int interleavedPosition(int c, int channels) {
            int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, channels - 1));
            int rev = Integer.reverse(c) >>> (32 - bits);
            int rank = 0;
            for (int other = 0; other < channels; other++) {
                rank += (Integer.reverse(other) >>> (32 - bits)) < rev ? 1 : 0;
            }
            return rank;
        }

        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A shift changes labels or values, not which streams a file holds: its outline's count. */
    @Override
    public int streamCount(Path file) throws IOException {
        return Recordings.outline(file).size();
    }

    @Override
    public Recording read(Path file) throws IOException {
        Recording r = Recordings.read(file);
        if (kind == Kind.NONE || !file.getFileName().toString().equals(shiftedFile)) {
            return r;
        }
        List<RecordedStream> out = new ArrayList<>();
        for (RecordedStream s : r.streams()) {
            if (kind == Kind.SWAPPED_LABELS && s.strings() != null) {
                String[] swapped = s.strings().clone();
                for (int i = 0; i < swapped.length; i++) {
                    String t = swapped[i].trim();
                    swapped[i] = t.equals(labelA) ? labelB : t.equals(labelB) ? labelA : swapped[i];
                }
                out.add(new RecordedStream(s.description(), s.timestampsSeconds(), null, swapped, s.clockOffsets(),
                        s.headerXml(), s.footerXml(), s.durationsSeconds()));
            } else if ((kind == Kind.CHANNEL_GAINS || kind == Kind.CHANNEL_GAINS_INTERLEAVED) && s.values() != null) {
                int channels = s.description().channelCount();
                int n = s.timestampsSeconds().length;
                double[] v = s.values().clone();
                for (int c = 0; c < channels; c++) {
                    double gain = kind.gain(c, channels);
                    for (int i = 0; i < n; i++) {
                        v[c * n + i] *= gain;
                    }
                }
                out.add(new RecordedStream(s.description(), s.timestampsSeconds(), v, null, s.clockOffsets(),
                        s.headerXml(), s.footerXml(), s.durationsSeconds()));
            } else {
                out.add(s);
            }
        }
        return new Recording(r.file(), r.format(), out, r.problems());
    }
}
