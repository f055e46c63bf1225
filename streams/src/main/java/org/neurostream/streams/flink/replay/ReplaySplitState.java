package org.neurostream.streams.flink.replay;

/**
 * The mutable progress of a {@link ReplaySplit} inside a source reader: advanced by the record emitter after each
 * emitted element, turned back into a split for checkpoints. Used by the reader's task thread only.
 */
final class ReplaySplitState {
    private final ReplaySplit split;
    private long position;

    ReplaySplitState(ReplaySplit split) {
        this.split = split;
        this.position = split.position();
    }

    void advance(long samples) {
        position += samples;
    }

    long position() {
        return position;
    }

    ReplaySplit toSplit() {
        return split.withPosition(position);
    }
}
