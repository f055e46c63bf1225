package org.neurostream.streams.flink.replay;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.neurostream.streams.record.StreamData;

/**
 * The replay source's reader: one fetcher thread runs a {@link ReplaySplitReader} over all splits of this subtask;
 * checkpoints carry each split's position (samples already emitted).
 */
final class ReplaySourceReader
        extends SingleThreadMultiplexSourceReaderBase<StreamData, StreamData, ReplaySplit, ReplaySplitState> {

    ReplaySourceReader(Supplier<SplitReader<StreamData, ReplaySplit>> splitReaders, SourceReaderContext context) {
        super(splitReaders, new ReplayRecordEmitter(), new Configuration(), context);
    }

    @Override
    protected void onSplitFinished(Map<String, ReplaySplitState> finishedSplitIds) {
        // Finished streams need no clean-up: the split reader released their recording.
    }

    @Override
    protected ReplaySplitState initializedState(ReplaySplit split) {
        return new ReplaySplitState(split);
    }

    @Override
    protected ReplaySplit toSplitType(String splitId, ReplaySplitState state) {
        return state.toSplit();
    }
}
