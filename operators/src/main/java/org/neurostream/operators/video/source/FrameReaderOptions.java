package org.neurostream.operators.video.source;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import org.neurostream.video.decode.FfmpegFrameReader;
import org.neurostream.video.decode.FrameReader;
import org.neurostream.video.decode.ImageSequenceReader;
import org.neurostream.video.events.EventFrameMode;
import org.neurostream.video.events.EventFrameReader;
import org.neurostream.video.frame.PreprocessSpec;

/**
 * How a {@link FrameSource} turns each split into frames.
 *
 * @param preprocess crop, colour, resize and normalization of video files, image folders and cameras (event frames
 *                   keep the sensor's size and their count values)
 * @param imageFolderFrameRateHz frame rate that gives image-folder frames their presentation times, in Hz
 * @param eventWindowMicros length of the window events are accumulated over, in microseconds
 * @param eventMode ON/OFF count channels or a signed sum
 * @param cameraWidth requested camera picture width in pixels, 0 for the camera's default
 * @param cameraHeight requested camera picture height in pixels, 0 for the camera's default
 * @param cameraFrameRateHz requested camera frame rate in Hz, 0 for the camera's default
 */
public record FrameReaderOptions(PreprocessSpec preprocess, double imageFolderFrameRateHz, long eventWindowMicros,
                                 EventFrameMode eventMode, int cameraWidth, int cameraHeight,
                                 double cameraFrameRateHz) implements Serializable {

    public FrameReaderOptions {
        Objects.requireNonNull(preprocess, "preprocess");
        Objects.requireNonNull(eventMode, "eventMode");
        if (!(imageFolderFrameRateHz > 0)) {
            throw new IllegalArgumentException("imageFolderFrameRateHz must be positive, but got "
                    + imageFolderFrameRateHz);
        }
        if (eventWindowMicros <= 0) {
            throw new IllegalArgumentException("eventWindowMicros must be positive, but got " + eventWindowMicros);
        }
    }

    /** Defaults: image folders at 25 Hz, 33 ms event windows as ON/OFF counts, camera defaults. */
    public static FrameReaderOptions of(PreprocessSpec preprocess) {
        return new FrameReaderOptions(preprocess, 25.0, 33_333, EventFrameMode.ON_OFF, 0, 0, 0);
    }

    /** Opens the reader of {@code split}, positioned at its next frame. */
    FrameReader open(FrameSplit split) throws IOException {
        FrameReader reader = switch (split.kind()) {
            case VIDEO_FILE -> FfmpegFrameReader.openFile(Path.of(split.location()), preprocess);
            case IMAGE_FOLDER -> new ImageSequenceReader(Path.of(split.location()), imageFolderFrameRateHz,
                    preprocess);
            case V4L2_CAMERA -> FfmpegFrameReader.openV4l2(split.location(), preprocess, cameraWidth, cameraHeight,
                    cameraFrameRateHz);
            case EVENT_FILE -> new EventFrameReader(Path.of(split.location()), eventWindowMicros, eventMode);
        };
        try {
            if (split.nextFrameIndex() > 0 && split.kind() != FrameSplit.Kind.V4L2_CAMERA) {
                reader.skipTo(split.nextFrameIndex());
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
