package org.neurostream.streams.format;

import java.io.IOException;
import java.util.List;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;

/**
 * One stream of a {@linkplain RecordingHandle recording opened for replay}: what it is, how many samples it holds,
 * when each was recorded, and any range of its samples as stream elements. A {@link RecordedStream} is one, decoded
 * whole; the EDF/BDF streams of {@link Recordings#open} decode the data records of a range only when it is sliced, and
 * its numeric XDF streams the sample values of a range, so that replaying a long recording holds a chunk of it in
 * memory rather than the whole file.
 */
public interface StreamHandle {

    /** What the stream is. */
    StreamDescription description();

    /** How many samples (markers, for a marker stream) the stream holds. */
    int sampleCount();

    /** True for a stream of string markers, false for a numeric stream. */
    boolean isMarkerStream();

    /** The timestamp of sample {@code index} in seconds on the recording clock. */
    double timestampSeconds(int index);

    /**
     * Samples {@code [from, to)} as stream elements: one {@link SampleChunk} with explicit timestamps for a numeric
     * stream, one {@link Marker} per sample (with its duration) for a marker stream. Every implementation gives
     * elements equal to those of {@link RecordedStream#slice} on the stream decoded whole.
     *
     * @throws IOException a {@link RecordingFormatException} naming the file, byte offset and problem when the file
     *                     can no longer be read where the range lies (it was truncated after it was opened)
     */
    List<StreamData> slice(int from, int to) throws IOException;
}
