package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceBuilderTest {
    @TempDir
    Path dir;

    @Test
    void filesAreRequired() {
        assertThatThrownBy(() -> ReplaySource.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("At least one recording file is required but none was given.");
    }

    @Test
    void chunkSizeMustBePositive() throws IOException {
        Path f = Files.createFile(dir.resolve("a.xdf"));
        assertThatThrownBy(() -> ReplaySource.builder().files(List.of(f)).chunkSamples(0).build())
                .hasMessageContaining("'chunkSamples'").hasMessageContaining("but got 0");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.edf");
        assertThatThrownBy(() -> ReplaySource.builder().files(List.of(missing)).build())
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void speedMustBePositiveAndFiniteForRealTime() {
        assertThatThrownBy(() -> ReplayPacing.realTime(0)).hasMessageContaining("'speed'");
        assertThatThrownBy(() -> ReplayPacing.realTime(Double.POSITIVE_INFINITY))
                .hasMessageContaining("asFastAsPossible()");
    }

    @Test
    void sourceIsBoundedWithTheGivenSettings() throws IOException {
        Path f = Files.createFile(dir.resolve("a.xdf"));
        ReplaySource source = ReplaySource.builder().files(List.of(f, f)).chunkSamples(7)
                .pacing(ReplayPacing.realTime(2)).build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.files()).containsExactly(f.toString(), f.toString());
        assertThat(source.chunkSamples()).isEqualTo(7);
        assertThat(source.pacing().isPaced()).isTrue();
    }
}
