package org.neurostream.streams.format.xdf;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs test-data/scripts/xdf_load.py (pyxdf, the reference reader) on a file and parses its JSON output. */
final class PyxdfProcess {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private PyxdfProcess() {
    }

    /** The {@code streams} array pyxdf reports for {@code file}, loaded with the given script flags. */
    static JsonNode load(Path file, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", XdfTestFiles.script("xdf_load.py").toString(),
                file.toString()));
        command.addAll(List.of(flags));
        Path stdout = Files.createTempFile("xdf_load", ".json");
        Path stderr = Files.createTempFile("xdf_load", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("xdf_load.py did not finish within 120 s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IOException("xdf_load.py failed with exit code " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return JSON.readTree(stdout.toFile()).get("streams");
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
