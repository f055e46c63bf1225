package org.neurostream.streams.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The recordings shipped in test-data, for tests that must hold on every one of them. */
public final class ShippedRecordings {
    private ShippedRecordings() {
    }

    /** Every recording shipped in test-data: XDF (with clock offsets, clock resets, empty streams), EDF, BDF, GDF. */
    public static Stream<Path> all() throws IOException {
        Path testData = Path.of(System.getProperty("neurostream.test.data", "../test-data"));
        List<Path> files;
        try (Stream<Path> found = Stream.of("xdf", "eeg", "edf-generated").map(testData::resolve)
                .flatMap(ShippedRecordings::walk)) {
            files = found.filter(f -> f.toString().matches(".*\\.(xdf|edf|bdf|gdf)")).sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("clock_resets.xdf",
                "empty_streams.xdf", "S001R04.edf", "edf_plus_d.edf", "bdf_plus.bdf", "sample.gdf");
        return files.stream();
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
