package org.neurostream.streams.format.xdf;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations of the committed XDF test data (surefire sets {@code neurostream.test.data}). */
final class XdfTestFiles {
    private XdfTestFiles() {
    }

    static Path testData() {
        String dir = System.getProperty("neurostream.test.data");
        Path path = dir != null ? Path.of(dir) : Path.of("..", "test-data");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("test-data directory not found at " + path.toAbsolutePath()
                    + "; run the tests through Maven or set -Dneurostream.test.data.");
        }
        return path;
    }

    static Path xdf(String name) {
        return testData().resolve("xdf").resolve(name);
    }

    static Path golden(String name) {
        return testData().resolve("golden").resolve("xdf").resolve(name);
    }

    static Path script(String name) {
        return testData().resolve("scripts").resolve(name);
    }
}
