package org.neurostream.streams.flink.lsl;

import java.util.Map;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;
import org.neurostream.streams.flink.EventTime;
import org.neurostream.streams.record.StreamData;

/**
 * Reads the LSL streams assigned to one subtask, each on its own fetcher thread ({@link LslFetcherManager}). Records
 * go to per-split outputs, so each stream has its own watermark generator and an idle stream can be marked idle
 * without holding back the others. A split's state is the split itself: a live stream has no position to restore.
 */
final class LslSourceReader extends SourceReaderBase<StreamData, StreamData, LslSplit, LslSplit> {

    LslSourceReader(LslFetcherManager fetchers, SourceReaderContext context) {
        super(fetchers, new Emitter(), context.getConfiguration(), context);
    }

    @Override
    protected void onSplitFinished(Map<String, LslSplit> finishedSplitIds) {
        // live streams never finish; a lost stream is waited for
    }

    @Override
    protected LslSplit initializedState(LslSplit split) {
        return split;
    }

    @Override
    protected LslSplit toSplitType(String splitId, LslSplit state) {
        return state;
    }

    /** Emits each element with its first sample's event time. */
    private static final class Emitter implements RecordEmitter<StreamData, StreamData, LslSplit> {
        @Override
        public void emitRecord(StreamData element, SourceOutput<StreamData> output, LslSplit split) {
            output.collect(element, EventTime.toMillis(element.firstTimestampSeconds()));
        }
    }
}
