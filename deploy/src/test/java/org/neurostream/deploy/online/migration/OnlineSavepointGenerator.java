package org.neurostream.deploy.online.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.deploy.online.OnlineJob;
import org.neurostream.deploy.online.RunSpec;
import org.neurostream.operators.online.Prediction;

/**
 * Writes the committed savepoint that {@code OnlineSavepointMigrationTest} restores, the way Flink's own migration
 * tests keep snapshots of older versions: run this class at the commit whose state format is to be kept (see
 * {@code test-data/savepoints/README.md}), commit its output, and never regenerate it with newer code.
 *
 * <p>It streams {@code S001R10} through the online job (adaptive LDA from the R06 calibration in
 * {@code test-data/models}), once uninterrupted as fast as possible (the reference) and once paced, stopped with a
 * savepoint after a few predictions. It writes the savepoint to {@code OUT/savepoint}, and to {@code OUT/expected.jsonl}
 * the reference predictions of the trials after the stop (deterministic JSON), which a job started from the savepoint
 * must reproduce.
 *
 * <p>Usage, from the {@code deploy} directory (the replay source's uid depends on the file paths, which are relative
 * to it): {@code java -cp <test classpath> org.neurostream.deploy.online.migration.OnlineSavepointGenerator OUT}.
 */
public final class OnlineSavepointGenerator {
    private OnlineSavepointGenerator() {}

    /** The recording the savepoint was taken in, relative to the {@code deploy} directory. */
    public static final String RECORDING = "../test-data/eeg/eegmmidb_S001/S001R10.edf";
    /** The calibration the job starts from, relative to the {@code deploy} directory. */
    public static final String MODEL = "../test-data/models/S001R06-hands-feet-csp-lda.json";

    /** The run both the generator and the migration test use; {@code savepoint} null = start fresh. */
    public static RunSpec spec(Path out, double speed, String savepoint) {
        return spec(out, speed, savepoint, Adaptation.defaults(Adaptation.Kind.LDA));
    }

    /** {@link #spec(Path, double, String)} with another learner (e.g. that of an older version's defaults). */
    public static RunSpec spec(Path out, double speed, String savepoint, Adaptation adaptation) {
        return new RunSpec(List.of("file:" + RECORDING), Path.of(MODEL), adaptation, false, false, null, out, speed,
                16, null, 150, savepoint, false, false);
    }

    /** A parallelism-1 embedded environment for {@code job}. */
    public static StreamExecutionEnvironment environment(OnlineJob job) {
        Configuration conf = job.configuration();
        // Keyed state compressed (snappy) to keep the committed savepoint small; restoring reads the flag from it.
        conf.setString("execution.checkpointing.snapshot-compression", "true");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        return env;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createTempDirectory("savepoint-generator");

        OnlineJob reference = new OnlineJob(spec(work.resolve("reference"), Double.POSITIVE_INFINITY, null));
        StreamExecutionEnvironment env = environment(reference);
        reference.build(env);
        env.execute("reference");
        List<Prediction> all = OnlineJob.committedPredictions(reference.predictionsDir());

        OnlineJob paced = new OnlineJob(spec(work.resolve("paced"), 25, null));
        StreamExecutionEnvironment env2 = environment(paced);
        paced.build(env2);
        JobClient client = env2.executeAsync("paced, stopped with a savepoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (OnlineJob.committedPredictions(paced.predictionsDir()).size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String savepoint = client.stopWithSavepoint(false, work.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        List<Prediction> before = OnlineJob.committedPredictions(paced.predictionsDir());
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).toDeterministicJson().equals(all.get(i).toDeterministicJson())) {
                throw new IllegalStateException("The paced run differs from the reference at trial " + (i + 1));
            }
        }
        Path target = out.resolve("savepoint");
        Files.createDirectories(target);
        Path source = Path.of(java.net.URI.create(savepoint));
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.write(out.resolve("expected.jsonl"), all.subList(before.size(), all.size()).stream()
                .map(Prediction::toDeterministicJson).toList());
        System.out.println("Savepoint after " + before.size() + " of " + all.size() + " trials in " + target);
    }
}
