package org.neurostream.streams.flink.replay;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.neurostream.streams.flink.EventTime;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * Emits a replayed element with its event time (the first sample's timestamp in milliseconds) and advances its
 * split's position by the samples (or the one marker) it carries.
 */
final class ReplayRecordEmitter implements RecordEmitter<StreamData, StreamData, ReplaySplitState> {
    @Override
    public void emitRecord(StreamData element, SourceOutput<StreamData> output, ReplaySplitState state) {
        output.collect(element, EventTime.toMillis(element.firstTimestampSeconds()));
        if (!ReplayErrors.isError(element)) {
            state.advance(element instanceof SampleChunk chunk ? chunk.sampleCount() : 1);
        }
    }
}
