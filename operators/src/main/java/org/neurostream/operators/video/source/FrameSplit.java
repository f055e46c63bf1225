package org.neurostream.operators.video.source;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One video stream to read: a file, an image folder, a camera or an event file, and the index of the next frame to
 * emit (0 for a fresh split, the restored position after a checkpoint). Immutable; progress lives in
 * {@link FrameSplitState}.
 *
 * @param number position of the stream in the source's list (makes the split id unique and picks its reader)
 * @param kind what the location is
 * @param location path of the file or folder, or the camera device
 * @param nextFrameIndex index of the next frame to emit
 */
public record FrameSplit(int number, Kind kind, String location, long nextFrameIndex)
        implements SourceSplit, java.io.Serializable {

    /** What a split reads. */
    public enum Kind {
        VIDEO_FILE, IMAGE_FOLDER, V4L2_CAMERA, EVENT_FILE
    }

    public FrameSplit {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        if (number < 0 || nextFrameIndex < 0) {
            throw new IllegalArgumentException("number and nextFrameIndex must be >= 0, but got " + number + " and "
                    + nextFrameIndex);
        }
    }

    @Override
    public String splitId() {
        return number + ":" + location;
    }

    /** This split resumed at {@code frameIndex}. */
    public FrameSplit at(long frameIndex) {
        return new FrameSplit(number, kind, location, frameIndex);
    }
}
