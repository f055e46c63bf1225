package org.neurostream.video.events;

/** How {@link EventFrameAccumulator} turns the events of a time window into a frame. */
public enum EventFrameMode {
    /** Two channels of event counts per pixel: channel 0 OFF (darker), channel 1 ON (brighter). */
    ON_OFF(2),
    /** One channel per pixel: ON count minus OFF count. */
    SIGNED_SUM(1);

    private final int channels;

    EventFrameMode(int channels) {
        this.channels = channels;
    }

    /** Channels of the frames this mode makes. */
    public int channels() {
        return channels;
    }
}
