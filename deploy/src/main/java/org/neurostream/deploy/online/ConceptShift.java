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
        CHANNEL_GAINS;

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
            } else if (kind == Kind.CHANNEL_GAINS && s.values() != null) {
                int channels = s.description().channelCount();
                int n = s.timestampsSeconds().length;
                double[] v = s.values().clone();
                for (int c = 0; c < channels; c++) {
                    double gain = 0.4 + 1.2 * c / Math.max(1, channels - 1);
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
