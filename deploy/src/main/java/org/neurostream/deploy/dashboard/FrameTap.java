package org.neurostream.deploy.dashboard;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.VideoData;

/**
 * Sends at most {@link #FRAMES_PER_SECOND} frames per stream per wall-clock second to the dashboard, reduced to
 * 8-bit pixels: grey stays grey, RGB stays RGB, event frames (OFF/ON count channels) become red (ON) and blue (OFF).
 * Values are scaled by 255 when they are in [0, 1] (normalized frames), else by the frame's largest value.
 */
public final class FrameTap extends ProcessFunction<VideoData, DashboardEvent> {
    private static final long serialVersionUID = 1L;
    /** Most frames per stream and second sent to the page. */
    public static final double FRAMES_PER_SECOND = 5;

    private transient Map<String, Long> lastSentNanos;

    @Override
    public void open(OpenContext context) {
        lastSentNanos = new HashMap<>();
    }

    @Override
    public void processElement(VideoData element, Context ctx, Collector<DashboardEvent> out) {
        if (!(element instanceof Frame frame)) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastSentNanos.get(frame.streamKey());
        if (last != null && now - last < 1e9 / FRAMES_PER_SECOND) {
            return;
        }
        lastSentNanos.put(frame.streamKey(), now);
        out.collect(toImage(frame));
    }

    /** The frame as interleaved 8-bit grey or RGB pixels. */
    static DashboardEvent.FrameImage toImage(Frame f) {
        int plane = f.width() * f.height();
        float max = 0;
        for (float v : f.pixels()) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max <= 1 ? 255f : 255f / max;
        int channels = f.channels() == 1 ? 1 : 3;
        byte[] pixels = new byte[plane * channels];
        float[] p = f.pixels();
        for (int i = 0; i < plane; i++) {
            if (f.channels() == 1) {
                pixels[i] = clamp(p[i] * scale);
            } else if (f.channels() == 3) {
                for (int c = 0; c < 3; c++) {
                    pixels[i * 3 + c] = clamp(p[c * plane + i] * scale);
                }
            } else {
                pixels[i * 3] = clamp(p[plane + i] * scale);   // ON → red
                pixels[i * 3 + 2] = clamp(p[i] * scale);       // OFF → blue
            }
        }
        return new DashboardEvent.FrameImage(f.streamKey(), f.frameIndex(), f.presentationTimeSeconds(), f.width(),
                f.height(), channels, pixels);
    }

    private static byte clamp(float v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }
}
