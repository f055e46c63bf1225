package org.neurostream.video.frame;

/** Colour of preprocessed frames. */
public enum ColourMode {
    /** One channel: ITU-R BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B} (as OpenCV's RGB2GRAY); grey input stays. */
    GREY(1),
    /** Three channels R, G, B; grey input is replicated into all three. */
    RGB(3);

    private final int channels;

    ColourMode(int channels) {
        this.channels = channels;
    }

    /** Number of channels a frame of this mode has. */
    public int channels() {
        return channels;
    }
}
