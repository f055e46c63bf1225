package org.neurostream.operators.online;

import java.util.HashMap;
import java.util.Map;
import org.neurostream.bci.online.OnlineModel;
import org.neurostream.bci.online.PrequentialScore;

/**
 * What the classifier operator keeps per key: the online model, the prequential score, and per recording the cue
 * time of the last trial it learned (a trial of that recording at or before it is a replay and is neither predicted
 * nor learned again).
 *
 * @param model the online model
 * @param score prequential confusion counts
 * @param lastCueSeconds per recording, the cue timestamp of its last learned trial, s (added in state format
 *     version 2; version-1 state restores with an empty map)
 */
public record ClassifierState(OnlineModel model, PrequentialScore score, Map<String, Double> lastCueSeconds) {

    public ClassifierState {
        lastCueSeconds = Map.copyOf(lastCueSeconds);
    }

    /** True when a trial of {@code recording} at {@code cueSeconds} comes after every learned trial of it. */
    public boolean isNew(String recording, double cueSeconds) {
        Double last = lastCueSeconds.get(recording);
        return last == null || cueSeconds > last;
    }

    /** The state after learning a trial. */
    public ClassifierState next(OnlineModel updated, PrequentialScore newScore, String recording, double cueSeconds) {
        Map<String, Double> cues = new HashMap<>(lastCueSeconds);
        cues.put(recording, cueSeconds);
        return new ClassifierState(updated, newScore, cues);
    }
}
