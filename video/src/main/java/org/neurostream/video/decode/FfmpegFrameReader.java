package org.neurostream.video.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.FramePreprocessor;
import org.neurostream.video.frame.PreprocessSpec;

/**
 * Decodes a video file or a V4L2 camera through FFmpeg (JavaCV's {@link FFmpegFrameGrabber}) into preprocessed
 * {@link Frame}s.
 *
 * <p>FFmpeg converts every picture to packed RGB24; a {@link FramePreprocessor} built once for the stream's picture
 * size then crops, converts and resizes it into the frame's own array, so the only per-frame allocation is the
 * emitted frame itself (FFmpeg's picture buffer is reused).
 *
 * <p><b>Presentation time</b> is the decoder's best-effort timestamp in seconds (for cameras, counted from the first
 * frame). A frame without a usable timestamp (one flushed from the decoder at the end, packed B-frames in AVI) gets
 * the previous frame's time plus one nominal frame duration, so times always increase.
 *
 * <p><b>Truncation</b>: FFmpeg ends a truncated file quietly. For files whose container declares a frame count (MP4's
 * sample table, AVI's stream header), reaching the end early throws {@link VideoDecodeException} naming the file and
 * the first missing frame. A file FFmpeg cannot open (garbage, MP4 cut before its index) fails at frame 0.
 */
public final class FfmpegFrameReader implements FrameReader {
    private final String streamKey;
    private final FFmpegFrameGrabber grabber;
    private final FramePreprocessor preprocessor;
    private final long declaredFrames;
    private final double frameDurationSeconds;
    private final boolean relativeToFirstFrame;
    private long nextIndex;
    private double lastTimeSeconds = Double.NEGATIVE_INFINITY;
    private long originMicros = Long.MIN_VALUE;

    private FfmpegFrameReader(String streamKey, FFmpegFrameGrabber grabber, PreprocessSpec spec,
                              boolean relativeToFirstFrame, boolean checkDeclaredLength) throws VideoDecodeException {
        this.streamKey = streamKey;
        this.grabber = grabber;
        this.relativeToFirstFrame = relativeToFirstFrame;
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new VideoDecodeException(streamKey, 0, "FFmpeg cannot open it as video (" + e.getMessage() + ")", e);
        }
        if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            closeQuietly(grabber);
            throw new VideoDecodeException(streamKey, 0, "it has no video stream");
        }
        AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
        this.declaredFrames = checkDeclaredLength ? Math.max(0, stream.nb_frames()) : 0;
        double fps = grabber.getFrameRate();
        this.frameDurationSeconds = fps > 0 && Double.isFinite(fps) ? 1.0 / fps : 0.0;
        try {
            this.preprocessor = new FramePreprocessor(spec, grabber.getImageWidth(), grabber.getImageHeight(), 3);
        } catch (IllegalArgumentException e) {
            closeQuietly(grabber);
            throw new IllegalArgumentException(streamKey + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a video file.
     *
     * @throws VideoDecodeException (frame 0) when the file is missing or FFmpeg cannot open it as video
     */
    public static FfmpegFrameReader openFile(Path file, PreprocessSpec spec) throws VideoDecodeException {
        Objects.requireNonNull(spec, "spec");
        String key = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new VideoDecodeException(key, 0, "no such file");
        }
        return new FfmpegFrameReader(key, new FFmpegFrameGrabber(file.toFile()), spec, false, true);
    }

    /**
     * Opens a V4L2 camera through FFmpeg's {@code video4linux2} input.
     *
     * @param device the device node, e.g. {@code /dev/video0}
     * @param width requested picture width in pixels, or 0 for the camera's default
     * @param height requested picture height in pixels, or 0 for the camera's default
     * @param frameRateHz requested frame rate in Hz, or 0 for the camera's default
     */
    public static FfmpegFrameReader openV4l2(String device, PreprocessSpec spec, int width, int height,
                                             double frameRateHz) throws VideoDecodeException {
        Objects.requireNonNull(spec, "spec");
        if (!Files.exists(Path.of(device))) {
            throw new VideoDecodeException(device, 0, "no such camera device");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(device);
        grabber.setFormat("video4linux2");
        if (width > 0 && height > 0) {
            grabber.setImageWidth(width);
            grabber.setImageHeight(height);
        }
        if (frameRateHz > 0) {
            grabber.setFrameRate(frameRateHz);
        }
        return new FfmpegFrameReader(device, grabber, spec, true, false);
    }

    @Override
    public String streamKey() {
        return streamKey;
    }

    /** Picture width FFmpeg decodes, before preprocessing, in pixels. */
    public int sourceWidth() {
        return grabber.getImageWidth();
    }

    /** Picture height FFmpeg decodes, before preprocessing, in pixels. */
    public int sourceHeight() {
        return grabber.getImageHeight();
    }

    /** Nominal frame rate in Hz as the container or device states it (0 when unknown). */
    public double frameRateHz() {
        return frameDurationSeconds > 0 ? 1.0 / frameDurationSeconds : 0.0;
    }

    /** Number of frames the container declares, or 0 when it declares none (cameras, some formats). */
    public long declaredFrames() {
        return declaredFrames;
    }

    /** The preprocessor applied to every picture (its output size is the frames' size). */
    public FramePreprocessor preprocessor() {
        return preprocessor;
    }

    @Override
    public long nextIndex() {
        return nextIndex;
    }

    @Override
    public Frame next() throws IOException {
        float[] out = new float[preprocessor.outputSize()];
        double time = nextInto(out);
        if (Double.isNaN(time)) {
            return null;
        }
        return Frame.wrap(streamKey, nextIndex - 1, time, preprocessor.outputWidth(), preprocessor.outputHeight(),
                preprocessor.outputChannels(), out);
    }

    /**
     * Decodes the next picture straight into {@code out} (length {@link FramePreprocessor#outputSize()}), for callers
     * that reuse one buffer, and returns its presentation time in seconds, or NaN at the end of the stream.
     */
    public double nextInto(float[] out) throws IOException {
        org.bytedeco.javacv.Frame picture;
        try {
            picture = grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new VideoDecodeException(streamKey, nextIndex, "FFmpeg failed to decode it (" + e.getMessage() + ")",
                    e);
        }
        if (picture == null || picture.image == null) {
            if (declaredFrames > 0 && nextIndex < declaredFrames) {
                throw new VideoDecodeException(streamKey, nextIndex, "the stream ends after " + nextIndex
                        + " frames but the container declares " + declaredFrames + ": the file is truncated or corrupt");
            }
            return Double.NaN;
        }
        if (picture.imageWidth != sourceWidth() || picture.imageHeight != sourceHeight()
                || picture.imageChannels != 3) {
            throw new VideoDecodeException(streamKey, nextIndex, "picture is " + picture.imageWidth + "x"
                    + picture.imageHeight + "x" + picture.imageChannels + " but the stream started as "
                    + sourceWidth() + "x" + sourceHeight() + "x3");
        }
        ByteBuffer pixels = (ByteBuffer) picture.image[0];
        preprocessor.process(pixels, picture.imageStride, out);
        double time = presentationTime(picture.timestamp);
        nextIndex++;
        return time;
    }

    private double presentationTime(long timestampMicros) {
        if (originMicros == Long.MIN_VALUE) {
            originMicros = relativeToFirstFrame ? timestampMicros : 0L;
        }
        double t = (timestampMicros - originMicros) / 1e6;
        if (!(t > lastTimeSeconds)) {
            t = lastTimeSeconds == Double.NEGATIVE_INFINITY ? 0.0 : lastTimeSeconds + frameDurationSeconds;
        }
        lastTimeSeconds = t;
        return t;
    }

    @Override
    public void close() throws IOException {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new IOException(streamKey + ": closing FFmpeg failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // The open failure being reported matters more than a failed cleanup.
        }
    }
}
