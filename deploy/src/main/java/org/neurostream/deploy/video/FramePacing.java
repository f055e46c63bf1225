package org.neurostream.deploy.video;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.VideoData;

/**
 * Holds each frame back until its presentation time (divided by {@code speed}) has passed on the wall clock since
 * its stream's first frame, so a watched video job runs at the video's pace instead of as fast as it can decode.
 */
final class FramePacing extends RichMapFunction<VideoData, VideoData> {
    private static final long serialVersionUID = 1L;
    private final double speed;
    private transient Map<String, double[]> starts;

    FramePacing(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("Invalid pacing speed " + speed + "; it must be finite and > 0.");
        }
        this.speed = speed;
    }

    @Override
    public void open(OpenContext context) {
        starts = new HashMap<>();
    }

    @Override
    public VideoData map(VideoData element) throws InterruptedException {
        if (element instanceof Frame f) {
            double now = System.nanoTime() / 1e9;
            double[] start = starts.computeIfAbsent(f.streamKey(),
                    k -> new double[] {now, f.presentationTimeSeconds()});
            double due = start[0] + (f.presentationTimeSeconds() - start[1]) / speed;
            long waitMillis = Math.round((due - now) * 1000);
            if (waitMillis > 0) {
                Thread.sleep(waitMillis);
            }
        }
        return element;
    }
}
