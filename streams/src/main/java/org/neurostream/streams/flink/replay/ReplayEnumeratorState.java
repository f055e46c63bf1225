package org.neurostream.streams.flink.replay;

import java.util.List;

/**
 * The enumerator's checkpoint: whether the files were already opened to find their streams, and the splits not yet
 * handed to a reader (all of them right after discovery, the ones returned by a failed reader later).
 *
 * @param discovered true once the files' streams are known
 * @param unassigned splits waiting for their reader
 */
public record ReplayEnumeratorState(boolean discovered, List<ReplaySplit> unassigned) {
    public ReplayEnumeratorState {
        unassigned = List.copyOf(unassigned);
    }
}
