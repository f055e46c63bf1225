package org.neurostream.deploy.online;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.neurostream.bci.online.Adaptation;

/**
 * Everything {@code neurostream run} needs, from the command line or a pipeline YAML file.
 *
 * @param sources {@code file:PATH} (a recording) or {@code lsl:KEY=VALUE} (an LSL stream, e.g. {@code lsl:type=EEG});
 *     cue markers come from the recordings' marker streams, or from an {@code lsl:type=Markers} source
 * @param model the calibrated pipeline JSON ({@code neurostream calibrate --out})
 * @param adaptation the online learner
 * @param fromScratch learn the classifier from nothing (features still come from the model file)
 * @param sequential treat the file sources as consecutive sessions: each starts where the previous one ended
 * @param sessionKey a fixed state key, or null to key by the recordings' subject
 * @param out output directory (predictions, metrics, plot, checkpoints)
 * @param speed replay at real time × speed; infinity = as fast as possible
 * @param chunkSamples the most samples per replayed chunk
 * @param checkpointDir checkpoint directory (Flink {@code execution.checkpointing.dir}); null = {@code out/checkpoints}
 * @param checkpointIntervalMillis checkpoint interval ({@code execution.checkpointing.interval}); 0 = no checkpoints
 * @param fromSavepoint savepoint or retained checkpoint to start from ({@code execution.state-recovery.path}), or null
 * @param lslOut also publish predictions as an LSL marker stream
 * @param json print predictions as JSON lines
 */
public record RunSpec(List<String> sources, Path model, Adaptation adaptation, boolean fromScratch, boolean sequential,
        String sessionKey, Path out, double speed, int chunkSamples, Path checkpointDir, long checkpointIntervalMillis,
        String fromSavepoint, boolean lslOut, boolean json) {

    /** Default chunk size: 1/10 s at 160 Hz, so windows close promptly. */
    public static final int DEFAULT_CHUNK_SAMPLES = 16;
    /** Default checkpoint interval, ms. */
    public static final long DEFAULT_CHECKPOINT_INTERVAL_MILLIS = 2000;

    public RunSpec {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("No source given; use --source file:PATH or --source lsl:type=EEG.");
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(adaptation, "adaptation");
        Objects.requireNonNull(out, "out");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("Invalid value for 'speed'. It must be > 0 (1 = real time), but got "
                    + speed + " instead.");
        }
        if (chunkSamples < 1) {
            throw new IllegalArgumentException("Invalid value for 'chunkSamples'. It must be at least 1, but got "
                    + chunkSamples + " instead.");
        }
        if (checkpointIntervalMillis < 0) {
            throw new IllegalArgumentException("Invalid value for 'checkpointInterval'. It must be >= 0 ms (0 = off), "
                    + "but got " + checkpointIntervalMillis + " instead.");
        }
    }

    /** The checkpoint directory in effect. */
    public Path effectiveCheckpointDir() {
        return checkpointDir != null ? checkpointDir : out.resolve("checkpoints");
    }

    /** The file paths of the {@code file:} sources, in order. */
    public List<Path> files() {
        return sources.stream().filter(s -> s.startsWith("file:")).map(s -> Path.of(s.substring(5))).toList();
    }

    /**
     * The LSL predicates of the {@code lsl:} sources (XPath, e.g. {@code type='EEG'}); {@code lsl:K1=V1&K2=V2} matches
     * streams with both properties ({@code type='EEG' and source_id='amp-1'}).
     */
    public List<String> lslPredicates() {
        return sources.stream().filter(s -> s.startsWith("lsl:")).map(s -> {
            List<String> terms = new java.util.ArrayList<>();
            for (String term : s.substring(4).split("&")) {
                int eq = term.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("LSL source '" + s + "' must be lsl:KEY=VALUE (e.g. "
                            + "lsl:type=EEG) or lsl:KEY=VALUE&KEY=VALUE, but '" + term + "' is no KEY=VALUE.");
                }
                terms.add(term.substring(0, eq) + "="
                        + org.neurostream.streams.lsl.LslStreamKey.literal(term.substring(eq + 1)));
            }
            return String.join(" and ", terms);
        }).toList();
    }

    /** Fails unless every source is {@code file:} or {@code lsl:}. */
    public void checkSources() {
        for (String s : sources) {
            if (!s.startsWith("file:") && !s.startsWith("lsl:")) {
                throw new IllegalArgumentException("Source '" + s + "' must start with file: or lsl: (e.g. "
                        + "file:S001R10.edf or lsl:type=EEG).");
            }
        }
    }
}
