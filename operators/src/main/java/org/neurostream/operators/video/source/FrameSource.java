package org.neurostream.operators.video.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.neurostream.operators.video.VideoTypes;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.VideoData;

/**
 * A FLIP-27 source of video frames from files (FFmpeg), image folders, V4L2 cameras and AEDAT4 event files.
 *
 * <pre>{@code
 * FrameSource source = FrameSource.builder()
 *         .videoFile(Path.of("clip.mp4"))
 *         .eventFile(Path.of("recording.aedat4"))
 *         .options(FrameReaderOptions.of(PreprocessSpec.of(ColourMode.GREY).withResize(64, 48, ResizeMethod.AREA)))
 *         .build();
 * DataStream<VideoData> frames = env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "frames");
 * }</pre>
 *
 * <p>Splitting: one split per file, folder, camera or event file; split {@code n} goes to reader
 * {@code n mod parallelism}. Time: each frame's presentation time (seconds from the start of its stream) is its event
 * time in milliseconds. Checkpointing: a split's state is its next frame index; a restore reopens the stream and
 * skips to it (cameras resume with the live picture). Broken streams: a stream that cannot be opened or breaks
 * mid-way emits one {@link org.neurostream.video.frame.VideoStreamError} and ends; the others go on. The source is
 * bounded unless it has a camera.
 *
 * <p>Immutable; the builder checks every input.
 */
public final class FrameSource
        implements Source<VideoData, FrameSplit, List<FrameSplit>>, ResultTypeQueryable<VideoData> {
    private static final long serialVersionUID = 1L;

    private final List<FrameSplit> splits;
    private final FrameReaderOptions options;

    private FrameSource(List<FrameSplit> splits, FrameReaderOptions options) {
        this.splits = List.copyOf(splits);
        this.options = options;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Event time in milliseconds of a frame: its presentation time, floored to the millisecond. */
    public static long eventTimeMillis(Frame frame) {
        return (long) Math.floor(frame.presentationTimeSeconds() * 1000.0);
    }

    public List<FrameSplit> splits() {
        return splits;
    }

    @Override
    public Boundedness getBoundedness() {
        return splits.stream().anyMatch(s -> s.kind() == FrameSplit.Kind.V4L2_CAMERA)
                ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<VideoData, FrameSplit> createReader(SourceReaderContext context) {
        return new FrameSourceReader(() -> new FrameSplitReader(options), context);
    }

    @Override
    public SplitEnumerator<FrameSplit, List<FrameSplit>> createEnumerator(SplitEnumeratorContext<FrameSplit> context) {
        return new FrameEnumerator(context, splits);
    }

    @Override
    public SplitEnumerator<FrameSplit, List<FrameSplit>> restoreEnumerator(
            SplitEnumeratorContext<FrameSplit> context, List<FrameSplit> checkpoint) {
        return new FrameEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<FrameSplit> getSplitSerializer() {
        return new FrameSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<FrameSplit>> getEnumeratorCheckpointSerializer() {
        return new FrameEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<VideoData> getProducedType() {
        return VideoTypes.VIDEO_DATA;
    }

    /** Builds a {@link FrameSource}; {@link #build()} checks every input. */
    public static final class Builder {
        private final List<FrameSplit> splits = new ArrayList<>();
        private FrameReaderOptions options;

        private Builder() {
        }

        private Builder add(FrameSplit.Kind kind, String location) {
            splits.add(new FrameSplit(splits.size(), kind, Objects.requireNonNull(location, "location"), 0));
            return this;
        }

        /** A video file FFmpeg decodes. */
        public Builder videoFile(Path file) {
            return add(FrameSplit.Kind.VIDEO_FILE, file.toString());
        }

        /** A folder of PNG/JPEG images in name order. */
        public Builder imageFolder(Path folder) {
            return add(FrameSplit.Kind.IMAGE_FOLDER, folder.toString());
        }

        /** A V4L2 camera device such as {@code /dev/video0}; makes the source unbounded. */
        public Builder camera(String device) {
            return add(FrameSplit.Kind.V4L2_CAMERA, device);
        }

        /** An AEDAT4 event-camera file, accumulated into frames. */
        public Builder eventFile(Path file) {
            return add(FrameSplit.Kind.EVENT_FILE, file.toString());
        }

        /** How splits become frames (required). */
        public Builder options(FrameReaderOptions readerOptions) {
            this.options = Objects.requireNonNull(readerOptions, "options");
            return this;
        }

        public FrameSource build() {
            if (splits.isEmpty()) {
                throw new IllegalArgumentException("At least one video file, image folder, camera or event file is "
                        + "required but none was given.");
            }
            if (options == null) {
                throw new IllegalArgumentException("Frame reader options are required but not provided.");
            }
            for (FrameSplit s : splits) {
                if (s.kind() != FrameSplit.Kind.V4L2_CAMERA && !Files.exists(Path.of(s.location()))) {
                    throw new IllegalArgumentException(s.kind() + " '" + s.location() + "' does not exist.");
                }
            }
            return new FrameSource(splits, options);
        }
    }
}
