package org.neurostream.video.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void ofCopiesAndPixelsReturnsACopySoTheFrameCannotChange() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Frame f = Frame.of("cam", 0, 0.0, 3, 2, 1, data);
        data[0] = 99;
        f.pixels()[1] = 99;
        assertThat(f.pixels()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void planarIndexingIsChannelThenRowThenColumn() {
        float[] data = new float[3 * 2 * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        Frame f = Frame.wrap("clip", 7, 0.28, 2, 2, 3, data);
        assertThat(f.pixel(2, 1, 0)).isEqualTo(10f);
        assertThat(f.pixel(0, 0, 1)).isEqualTo(1f);
        float[] dst = new float[14];
        f.copyPixelsTo(dst, 2);
        assertThat(dst[2 + 11]).isEqualTo(11f);
    }

    @Test
    void equalFramesCompareByPixelValues() {
        Frame a = Frame.of("k", 1, 0.5, 1, 2, 1, new float[] {1, 2});
        Frame b = Frame.of("k", 1, 0.5, 1, 2, 1, new float[] {1, 2});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Frame.of("k", 1, 0.5, 1, 2, 1, new float[] {1, 3}));
    }

    @Test
    void pixelCountMustMatchTheShape() {
        assertThatThrownBy(() -> Frame.of("k", 0, 0, 4, 3, 3, new float[35]))
                .hasMessageContaining("35 values").hasMessageContaining("3x3x4 needs 36");
    }

    @Test
    void onlyGreyEventOrRgbChannelsAreAccepted() {
        assertThatThrownBy(() -> Frame.of("k", 0, 0, 1, 1, 4, new float[4]))
                .hasMessageContaining("1 (grey), 2 (event OFF/ON) or 3 (RGB), but got 4");
    }
}
