package org.neurostream.streams.record;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;

/**
 * One element of a multi-stream flow: a chunk of continuous samples or a marker. Both carry the key of the stream
 * they belong to and their timestamps in seconds on the recording (LSL) clock.
 */
@TypeInfo(NeurostreamTypes.StreamDataFactory.class)
public sealed interface StreamData permits SampleChunk, Marker {

    /** The {@link StreamDescription#streamKey()} of the stream this element belongs to. */
    String streamKey();

    /** The timestamp of this element's first sample, in seconds on the recording clock. */
    double firstTimestampSeconds();

    /** The timestamp of this element's last sample, in seconds on the recording clock. */
    double lastTimestampSeconds();
}
