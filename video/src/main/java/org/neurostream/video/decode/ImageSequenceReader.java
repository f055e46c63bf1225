package org.neurostream.video.decode;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.FramePreprocessor;
import org.neurostream.video.frame.PreprocessSpec;

/**
 * Reads a folder of PNG or JPEG images as a video stream: the images in file-name order (so number them with leading
 * zeros), frame {@code i} presented at {@code i / frameRateHz} seconds. Every image must have the size of the first.
 *
 * <p>Images are decoded by {@link ImageIO}; pixels are copied into one reused packed-RGB buffer and preprocessed from
 * there, so per frame only ImageIO's own image and the emitted frame are allocated.
 */
public final class ImageSequenceReader implements FrameReader {
    private final String streamKey;
    private final List<Path> images;
    private final double frameRateHz;
    private final PreprocessSpec spec;
    private FramePreprocessor preprocessor;
    private byte[] packed;
    private ByteBuffer packedView;
    private int width;
    private int height;
    private long nextIndex;

    /**
     * @param folder folder holding the images ({@code .png}, {@code .jpg}, {@code .jpeg}, any case)
     * @param frameRateHz frames per second the sequence is presented at, positive
     * @throws VideoDecodeException (frame 0) when the folder is missing or holds no image
     */
    public ImageSequenceReader(Path folder, double frameRateHz, PreprocessSpec spec) throws IOException {
        this.streamKey = folder.toString();
        this.spec = Objects.requireNonNull(spec, "spec");
        if (!(frameRateHz > 0) || !Double.isFinite(frameRateHz)) {
            throw new IllegalArgumentException("frameRateHz must be positive, but got " + frameRateHz);
        }
        this.frameRateHz = frameRateHz;
        if (!Files.isDirectory(folder)) {
            throw new VideoDecodeException(streamKey, 0, "no such image folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            this.images = files.filter(ImageSequenceReader::isImage).sorted().toList();
        }
        if (images.isEmpty()) {
            throw new VideoDecodeException(streamKey, 0, "the folder holds no .png, .jpg or .jpeg image");
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    @Override
    public String streamKey() {
        return streamKey;
    }

    /** Number of images in the sequence. */
    public int size() {
        return images.size();
    }

    @Override
    public long nextIndex() {
        return nextIndex;
    }

    @Override
    public void skipTo(long frameIndex) throws IOException {
        if (frameIndex > images.size()) {
            throw new VideoDecodeException(streamKey, images.size(), "the sequence has " + images.size()
                    + " images, cannot resume at frame " + frameIndex);
        }
        if (nextIndex == 0 && frameIndex > 0) {
            next(); // fixes the image size from the first image, as an uninterrupted read would
        }
        nextIndex = Math.max(nextIndex, frameIndex);
    }

    @Override
    public Frame next() throws IOException {
        if (nextIndex >= images.size()) {
            return null;
        }
        int index = (int) nextIndex;
        Path file = images.get(index);
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new VideoDecodeException(streamKey, index, file.getFileName() + " cannot be decoded ("
                    + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new VideoDecodeException(streamKey, index, file.getFileName() + " is not an image ImageIO can read");
        }
        if (preprocessor == null) {
            width = image.getWidth();
            height = image.getHeight();
            preprocessor = new FramePreprocessor(spec, width, height, 3);
            packed = new byte[width * height * 3];
            packedView = ByteBuffer.wrap(packed);
        } else if (image.getWidth() != width || image.getHeight() != height) {
            throw new VideoDecodeException(streamKey, index, file.getFileName() + " is " + image.getWidth() + "x"
                    + image.getHeight() + " but the sequence started at " + width + "x" + height);
        }
        for (int y = 0, p = 0; y < height; y++) {
            for (int x = 0; x < width; x++, p += 3) {
                int rgb = image.getRGB(x, y);
                packed[p] = (byte) (rgb >> 16);
                packed[p + 1] = (byte) (rgb >> 8);
                packed[p + 2] = (byte) rgb;
            }
        }
        float[] out = new float[preprocessor.outputSize()];
        preprocessor.process(packedView, width * 3, out);
        nextIndex++;
        return Frame.wrap(streamKey, index, index / frameRateHz, preprocessor.outputWidth(),
                preprocessor.outputHeight(), preprocessor.outputChannels(), out);
    }

    @Override
    public void close() {
        // Nothing held open between frames.
    }
}
