package org.neurostream.streams.record;

/**
 * One element of a multi-stream flow: a chunk of continuous samples or a marker. Both carry the key of the stream
 * they belong to and their timestamps in seconds on the recording (LSL) clock.
 */
public sealed interface StreamData permits SampleChunk, Marker {

    /** The {@link StreamDescription#streamKey()} of the stream this element belongs to. */
    String streamKey();

    /** The timestamp of this element's first sample, in seconds on the recording clock. */
    double firstTimestampSeconds();

    /** The timestamp of this element's last sample, in seconds on the recording clock. */
    double lastTimestampSeconds();
}
