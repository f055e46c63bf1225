package org.neurostream.operators.online;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.java.functions.KeySelector;
import org.neurostream.streams.record.StreamData;

/**
 * The key of the online job's state, and the recording session each element belongs to.
 *
 * <p>The key is the subject whose model learns. Derived from the stream key ({@code <file name>#<stream>} for
 * recordings): the recording name without extension, reduced to its subject when the name follows a known convention
 * ({@code S001R04} of PhysioNet eegmmidb → {@code S001}, BIDS {@code sub-01_...} → {@code sub-01}). Every session
 * (run, recording) of a subject therefore updates the same model, so a savepoint taken after one session carries what
 * was learned into the next. A fixed key puts all streams of the job into one learner.
 *
 * <p>The session ({@link #sessionOf}) is the recording an element comes from (its file name without extension), or a
 * fixed session name for live streams: the LSL streams of one job (EEG and its cue markers, which have different
 * stream keys) are one session. The epocher pairs cues with the samples of their own session; predictions carry it.
 */
public final class SessionKeySelector implements KeySelector<StreamData, String> {
    private static final long serialVersionUID = 1L;
    private static final Pattern SUBJECT = Pattern.compile("^(S\\d{3})R\\d{2}$|^(sub-[A-Za-z0-9]+)(_.*)?$");

    private final String fixedKey;
    private final String fixedSession;

    private SessionKeySelector(String fixedKey, String fixedSession) {
        this.fixedKey = fixedKey;
        this.fixedSession = fixedSession;
    }

    /** Keys each element by the subject of its recording; the session is the recording. */
    public static SessionKeySelector bySubject() {
        return new SessionKeySelector(null, null);
    }

    /** Keys every element by {@code key}; the session is still each element's recording. */
    public static SessionKeySelector fixed(String key) {
        return new SessionKeySelector(checked("key", key), null);
    }

    /**
     * Keys every element by {@code key} and puts every element into session {@code session} (live streams: an EEG
     * stream and its marker stream are one session although their stream keys differ).
     */
    public static SessionKeySelector live(String key, String session) {
        return new SessionKeySelector(checked("key", key), checked("session", session));
    }

    private static String checked(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A fixed session " + what + " must not be empty.");
        }
        return value;
    }

    @Override
    public String getKey(StreamData element) {
        return fixedKey != null ? fixedKey : subjectOf(recordingOf(element.streamKey()));
    }

    /** The recording session of {@code element}: the fixed session, or the recording of its stream key. */
    public String sessionOf(StreamData element) {
        return fixedSession != null ? fixedSession : recordingOf(element.streamKey());
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
