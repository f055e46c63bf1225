package org.neurostream.streams.flink.lsl;

import java.util.List;
import java.util.Set;

/**
 * What the {@link LslSourceEnumerator} checkpoints: the ids of streams already handed to readers (they come back
 * with the readers' own state on restore) and the discovered streams not yet assigned.
 *
 * @param assignedSplitIds split ids owned by readers
 * @param pendingSplits    discovered splits waiting for their reader to register
 */
public record LslEnumeratorState(Set<String> assignedSplitIds, List<LslSplit> pendingSplits) {
    public LslEnumeratorState {
        assignedSplitIds = Set.copyOf(assignedSplitIds);
        pendingSplits = List.copyOf(pendingSplits);
    }

    static LslEnumeratorState empty() {
        return new LslEnumeratorState(Set.of(), List.of());
    }
}
