package org.neurostream.streams.lsl;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which native liblsl to load, in this order:
 * <ol>
 *   <li>the system property {@value #PATH_PROPERTY} (a file path);</li>
 *   <li>the environment variable {@value #PATH_ENV} (a file path);</li>
 *   <li>the project's install folder {@code .neurostream/lib/} (where {@code scripts/setup} puts it), looked for in
 *       the working directory and its parents, then beside the neurostream jar (or classes folder) and its
 *       parents;</li>
 *   <li>the system library {@code lsl} (for example {@code /usr/lib/liblsl.so}).</li>
 * </ol>
 * A configured path that does not exist is an error rather than a silent fall-through, so a typo is not masked by
 * another liblsl.
 */
final class LslLibraryLocator {
    static final String PATH_PROPERTY = "neurostream.liblsl.path";
    static final String PATH_ENV = "NEUROSTREAM_LIBLSL";
    static final String SYSTEM_NAME = "lsl";
    static final String INSTALL_HINT = "Install it with scripts/setup from the neurostream checkout (it copies "
            + "liblsl.so from the pylsl wheel into .neurostream/lib), or run `pip install pylsl` and point "
            + PATH_ENV + " (or -D" + PATH_PROPERTY + ") at the liblsl.so inside the pylsl package's lib/ folder, "
            + "or install liblsl on the system (https://github.com/sccn/liblsl/releases).";

    /** Where the library comes from: an absolute file path or the system name, and why it was chosen. */
    record Location(String library, String origin) {
    }

    private LslLibraryLocator() {
    }

    /** Locates liblsl from this JVM's system property, environment, working directory and code location. */
    static Location locate() {
        return locate(System.getProperty(PATH_PROPERTY), System.getenv(PATH_ENV),
                Path.of("").toAbsolutePath(), codeDirectory());
    }

    /**
     * Locates liblsl from the given inputs (any may be null).
     *
     * @throws LslLibraryNotFoundException when a configured path does not exist
     */
    static Location locate(String propertyValue, String envValue, Path workingDir, Path codeDir) {
        if (propertyValue != null && !propertyValue.isBlank()) {
            return configured(propertyValue, "system property " + PATH_PROPERTY);
        }
        if (envValue != null && !envValue.isBlank()) {
            return configured(envValue, "environment variable " + PATH_ENV);
        }
        String fileName = System.mapLibraryName(SYSTEM_NAME);
        for (Path start : new Path[] {workingDir, codeDir}) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(".neurostream").resolve("lib").resolve(fileName);
                if (Files.isRegularFile(candidate)) {
                    return new Location(candidate.toAbsolutePath().toString(), "project install folder " + candidate);
                }
            }
        }
        return new Location(SYSTEM_NAME, "system library search path");
    }

    /** The places {@link #locate()} looks in, for error messages. */
    static String searchedPlaces() {
        List<String> places = new ArrayList<>();
        places.add("-D" + PATH_PROPERTY);
        places.add("$" + PATH_ENV);
        places.add(".neurostream/lib/ under " + Path.of("").toAbsolutePath() + " and its parents");
        Path code = codeDirectory();
        if (code != null) {
            places.add(".neurostream/lib/ under " + code + " and its parents");
        }
        places.add("the system library path (" + System.mapLibraryName(SYSTEM_NAME) + ")");
        return String.join(", ", places);
    }

    private static Location configured(String value, String origin) {
        Path path = Path.of(value.trim()).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new LslLibraryNotFoundException("liblsl not found: the " + origin + " is '" + value
                    + "', but " + path + " is not a file. " + INSTALL_HINT, null);
        }
        return new Location(path.toString(), origin);
    }

    private static Path codeDirectory() {
        try {
            CodeSource source = LslLibraryLocator.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isDirectory(location) ? location : location.getParent();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
