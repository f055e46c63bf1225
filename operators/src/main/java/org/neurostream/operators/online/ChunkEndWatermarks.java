package org.neurostream.operators.online;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.neurostream.streams.flink.EventTime;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * Event time for low-latency epoching: each element's timestamp is its last sample's, and the watermark moves with
 * every signal chunk (not periodically) to the latest sample seen. A chunk holding a window's last sample therefore
 * lets the epocher's timer fire at once, instead of after the next chunk or the next periodic watermark.
 *
 * <p>Only sample chunks move the watermark, never markers: a cue stream runs ahead of its signal whenever the signal
 * is delayed (a live EEG inlet reconnecting while the marker stream already delivers, or cues sent before the samples
 * they refer to), and a watermark taken from the cues would declare the signal's windows complete before their samples
 * came. Markers that come after samples with later timestamps are late with respect to this watermark, which the
 * epocher handles.
 */
public final class ChunkEndWatermarks {
    private ChunkEndWatermarks() {}

    /** The strategy; assumes each stream's elements come in timestamp order, as the replay and LSL sources emit. */
    public static WatermarkStrategy<StreamData> strategy() {
        return WatermarkStrategy.<StreamData>forGenerator(ctx -> new Generator())
                .withTimestampAssigner((element, previous) -> EventTime.toMillis(element.lastTimestampSeconds()));
    }

    private static final class Generator implements WatermarkGenerator<StreamData> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(StreamData event, long eventTimestamp, WatermarkOutput output) {
            if (event instanceof SampleChunk && eventTimestamp > max) {
                max = eventTimestamp;
                output.emitWatermark(new Watermark(max));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // Every watermark is emitted on an event.
        }
    }
}
