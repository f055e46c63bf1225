package org.neurostream.operators.online;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.java.functions.KeySelector;
import org.neurostream.streams.record.StreamData;

/**
 * The key of the online job's state: the subject whose model learns. Derived from the stream key
 * ({@code <file name>#<stream>} for recordings): the recording name without extension, reduced to its subject when the
 * name follows a known convention ({@code S001R04} of PhysioNet eegmmidb → {@code S001}, BIDS {@code sub-01_...} →
 * {@code sub-01}). Every session (run, recording) of a subject therefore updates the same model, so a savepoint taken
 * after one session carries what was learned into the next. A fixed key (for LSL streams, whose keys are source ids)
 * puts all streams of the job into one learner.
 */
public final class SessionKeySelector implements KeySelector<StreamData, String> {
    private static final long serialVersionUID = 1L;
    private static final Pattern SUBJECT = Pattern.compile("^(S\\d{3})R\\d{2}$|^(sub-[A-Za-z0-9]+)(_.*)?$");

    private final String fixedKey;

    private SessionKeySelector(String fixedKey) {
        this.fixedKey = fixedKey;
    }

    /** Keys each element by the subject of its recording. */
    public static SessionKeySelector bySubject() {
        return new SessionKeySelector(null);
    }

    /** Keys every element by {@code key}. */
    public static SessionKeySelector fixed(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A fixed session key must not be empty.");
        }
        return new SessionKeySelector(key);
    }

    @Override
    public String getKey(StreamData element) {
        return fixedKey != null ? fixedKey : subjectOf(recordingOf(element.streamKey()));
    }

    /** The recording of a stream key: the part before the last '#', without directory and extension. */
    public static String recordingOf(String streamKey) {
        int hash = streamKey.lastIndexOf('#');
        String file = hash < 0 ? streamKey : streamKey.substring(0, hash);
        file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = file.indexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The subject of a recording name, or the name itself when it follows no known convention. */
    public static String subjectOf(String recording) {
        Matcher m = SUBJECT.matcher(recording);
        if (!m.matches()) {
            return recording;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
