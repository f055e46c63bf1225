package org.neurostream.operators.video.source;

/** Mutable progress of a {@link FrameSplit}: the index of the next frame to emit. Used on the task thread only. */
final class FrameSplitState {
    private final FrameSplit split;
    private long nextFrameIndex;

    FrameSplitState(FrameSplit split) {
        this.split = split;
        this.nextFrameIndex = split.nextFrameIndex();
    }

    void emitted(long frameIndex) {
        nextFrameIndex = frameIndex + 1;
    }

    FrameSplit toSplit() {
        return split.at(nextFrameIndex);
    }
}
