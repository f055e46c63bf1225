package org.neurostream.deploy.online;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.neurostream.bci.online.Adaptation;

/**
 * Reads a {@code neurostream run} pipeline from YAML. Keys (the command-line flags without dashes):
 *
 * <pre>
 * sources: [file:test-data/eeg/eegmmidb_S001/S001R10.edf, ...]   # required; file:PATH or lsl:KEY=VALUE
 * model: model.json                  # required; from neurostream calibrate
 * adapt: lr                          # lr | lda | lda-pmean | ncm | none (default lr)
 * calibration-trials: 15             # W: the defaults' λ = 1 - 1/W, pooled-mean η = 1/W, lr step rule
 * forgetting-factor: 0.9             # λ of lda / ncm (default 1 - 1/calibration-trials)
 * gain-time-constant: 10             # s; channel gain adaptation (default 10 for lda/lda-pmean/ncm/lr, 0 = off for none)
 * from-scratch: false                # ignore the calibrated classifier
 * sequential: false                  # file sources are consecutive sessions
 * session-key: S001                  # fixed state key (default: subject of each recording)
 * out: run-out                       # output directory (default run-out)
 * speed: 1.0                         # real time × speed; omit for as fast as possible
 * chunk-samples: 16
 * checkpoint-dir: run-out/checkpoints   # execution.checkpointing.dir
 * checkpoint-interval-ms: 2000          # execution.checkpointing.interval; 0 = off
 * from-savepoint: PATH                  # execution.state-recovery.path
 * lsl-out: false
 * json: false
 * </pre>
 *
 * Relative paths are resolved against the YAML file's directory. Unknown keys and wrong types are errors that name the
 * key and its line.
 */
public final class RunYaml {
    static final Set<String> KEYS = Set.of("sources", "model", "adapt", "calibration-trials", "forgetting-factor",
            "gain-time-constant", "from-scratch",
            "sequential", "session-key", "out", "speed", "chunk-samples", "checkpoint-dir", "checkpoint-interval-ms",
            "from-savepoint", "lsl-out", "json");

    private RunYaml() {}

    /** Parses {@code file}; failures are {@link IllegalArgumentException}s naming the file, key and line. */
    public static RunSpec read(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(file + (at == null ? "" : ", line " + at.getLineNr()) + ": not valid "
                    + "YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a mapping of keys " + new java.util.TreeSet<>(KEYS)
                    + " at the top level.");
        }
        Path base = file.toAbsolutePath().getParent();
        Lines lines = new Lines(Files.readAllLines(file));
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ", line " + lines.of(key) + ": unknown key '" + key
                        + "'. Allowed keys are " + new java.util.TreeSet<>(KEYS) + ".");
            }
        }
        List<String> sources = new ArrayList<>();
        JsonNode s = root.get("sources");
        if (s == null || !s.isArray() || s.isEmpty()) {
            throw new IllegalArgumentException(file + (s == null ? "" : ", line " + lines.of("sources"))
                    + ": 'sources' must be a non-empty list of file:PATH or lsl:KEY=VALUE.");
        }
        for (JsonNode n : s) {
            String v = n.asText();
            sources.add(v.startsWith("file:") ? "file:" + base.resolve(v.substring(5)).normalize() : v);
        }
        String model = text(root, "model", null, file, lines);
        if (model == null) {
            throw new IllegalArgumentException(file + ": the key 'model' (calibrated pipeline JSON) is required.");
        }
        Adaptation.Kind kind;
        try {
            kind = Adaptation.Kind.parse(text(root, "adapt", Adaptation.DEFAULT_KIND_NAME, file, lines));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ", line " + lines.of("adapt") + ": " + e.getMessage(), e);
        }
        Adaptation adaptation = Adaptation.forCalibrationTrials(kind,
                number(root, "calibration-trials", Adaptation.DEFAULT_CALIBRATION_TRIALS, file, lines));
        double lambda = number(root, "forgetting-factor", Double.NaN, file, lines);
        if (!Double.isNaN(lambda)) {
            adaptation = adaptation.withForgettingFactor(lambda);
        }
        double tau = number(root, "gain-time-constant", Double.NaN, file, lines);
        if (!Double.isNaN(tau)) {
            try {
                adaptation = adaptation.withGainTimeConstant(tau);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ", line " + lines.of("gain-time-constant") + ": "
                        + e.getMessage(), e);
            }
        }
        String out = text(root, "out", "run-out", file, lines);
        String checkpointDir = text(root, "checkpoint-dir", null, file, lines);
        try {
            return new RunSpec(sources, base.resolve(model), adaptation, bool(root, "from-scratch", file, lines),
                    bool(root, "sequential", file, lines), text(root, "session-key", null, file, lines),
                    base.resolve(out), number(root, "speed", Double.POSITIVE_INFINITY, file, lines),
                    (int) number(root, "chunk-samples", RunSpec.DEFAULT_CHUNK_SAMPLES, file, lines),
                    checkpointDir == null ? null : base.resolve(checkpointDir),
                    (long) number(root, "checkpoint-interval-ms", RunSpec.DEFAULT_CHECKPOINT_INTERVAL_MILLIS, file,
                            lines),
                    text(root, "from-savepoint", null, file, lines), bool(root, "lsl-out", file, lines),
                    bool(root, "json", file, lines));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String key, String dflt, Path file, Lines lines) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isValueNode()) {
            throw new IllegalArgumentException(file + ", line " + lines.of(key) + ": '" + key + "' must be a single "
                    + "value, but got " + n + ".");
        }
        return n.asText();
    }

    private static double number(JsonNode root, String key, double dflt, Path file, Lines lines) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException(file + ", line " + lines.of(key) + ": '" + key + "' must be a number, "
                    + "but got " + n + ".");
        }
        return n.asDouble();
    }

    private static boolean bool(JsonNode root, String key, Path file, Lines lines) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(file + ", line " + lines.of(key) + ": '" + key + "' must be true or "
                    + "false, but got " + n + ".");
        }
        return n.asBoolean();
    }

    /** Finds the line of a top-level key in the text, for messages. */
    private record Lines(List<String> text) {
        int of(String key) {
            for (int i = 0; i < text.size(); i++) {
                if (text.get(i).startsWith(key + ":")) {
                    return i + 1;
                }
            }
            return 0;
        }
    }
}
