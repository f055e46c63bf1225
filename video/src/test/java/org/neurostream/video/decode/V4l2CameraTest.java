package org.neurostream.video.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neurostream.video.frame.ColourMode;
import org.neurostream.video.frame.Frame;
import org.neurostream.video.frame.PreprocessSpec;

class V4l2CameraTest {

    private static Optional<Path> firstCamera() throws IOException {
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            return dev.filter(p -> p.getFileName().toString().startsWith("video")).sorted().findFirst();
        }
    }

    @Test
    void cameraGivesFramesWithIncreasingPresentationTimes() throws IOException {
        Optional<Path> camera = firstCamera();
        assumeTrue(camera.isPresent(), "no V4L2 camera: this machine has no /dev/video* device");
        try (FfmpegFrameReader reader = FfmpegFrameReader.openV4l2(camera.get().toString(),
                PreprocessSpec.of(ColourMode.GREY), 0, 0, 0)) {
            Frame first = reader.next();
            Frame second = reader.next();
            assertThat(first.presentationTimeSeconds()).isZero();
            assertThat(second.presentationTimeSeconds()).isGreaterThan(0);
            assertThat(second.frameIndex()).isEqualTo(1);
        }
    }

    @Test
    void missingDeviceIsNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FfmpegFrameReader.openV4l2("/dev/video-absent",
                        PreprocessSpec.of(ColourMode.GREY), 0, 0, 0))
                .hasMessage("/dev/video-absent: at frame 0: no such camera device");
    }
}
