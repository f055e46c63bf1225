package org.neurostream.operators.video.source;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.VideoData;

/**
 * The frame source's reader: one fetcher thread runs a {@link FrameSplitReader} over this subtask's splits;
 * checkpoints carry each split's next frame index.
 */
final class FrameSourceReader
        extends SingleThreadMultiplexSourceReaderBase<VideoData, VideoData, FrameSplit, FrameSplitState> {

    FrameSourceReader(Supplier<SplitReader<VideoData, FrameSplit>> splitReaders, SourceReaderContext context) {
        super(splitReaders, new Emitter(), new Configuration(), context);
    }

    @Override
    protected void onSplitFinished(Map<String, FrameSplitState> finishedSplitIds) {
        // The split reader closed the finished streams.
    }

    @Override
    protected FrameSplitState initializedState(FrameSplit split) {
        return new FrameSplitState(split);
    }

    @Override
    protected FrameSplit toSplitType(String splitId, FrameSplitState state) {
        return state.toSplit();
    }

    /**
     * Emits a frame with its presentation time as event time (milliseconds, floored) and advances its split; an
     * error record carries no timestamp of its own.
     */
    private static final class Emitter implements RecordEmitter<VideoData, VideoData, FrameSplitState> {
        @Override
        public void emitRecord(VideoData element, SourceOutput<VideoData> output, FrameSplitState state) {
            if (element instanceof Frame f) {
                output.collect(f, FrameSource.eventTimeMillis(f));
                state.emitted(f.frameIndex());
            } else {
                output.collect(element);
            }
        }
    }
}
