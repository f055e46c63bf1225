package org.neurostream.operators.video.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

/**
 * Assigns the fixed list of frame splits: split {@code n} goes to reader {@code n mod parallelism}, all of a reader's
 * splits in one assignment when it registers, followed by "no more splits". Splits of a failed reader come back
 * through {@link #addSplitsBack} and are assigned again when it registers anew. Runs on the coordinator thread.
 */
final class FrameEnumerator implements SplitEnumerator<FrameSplit, List<FrameSplit>> {
    private final SplitEnumeratorContext<FrameSplit> context;
    private final List<FrameSplit> unassigned;

    FrameEnumerator(SplitEnumeratorContext<FrameSplit> context, List<FrameSplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {
        // The splits are known up front; they are handed out as readers register.
    }

    @Override
    public void addReader(int subtaskId) {
        int parallelism = context.currentParallelism();
        List<FrameSplit> mine = new ArrayList<>();
        unassigned.removeIf(split -> {
            boolean owned = split.number() % parallelism == subtaskId;
            if (owned) {
                mine.add(split);
            }
            return owned;
        });
        if (!mine.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, mine)));
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed when a reader registers; readers never ask.
    }

    @Override
    public void addSplitsBack(List<FrameSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
    }

    @Override
    public List<FrameSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}
