package org.neurostream.deploy.jobs;

import java.nio.file.Path;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The jobs' file output: text lines into {@code dir/<bucket>/<prefix>-*.jsonl}, rolled and committed with every
 * checkpoint, so each line is committed exactly once (a job restored from a checkpoint rewrites nothing it committed
 * and loses nothing it had not). In-progress and pending files start with a dot.
 */
public final class CommittedLines {
    private CommittedLines() {}

    /**
     * The uid for the sink of {@code dir}: {@code name} and a hash of the directory's absolute path. The sink's state
     * (its open buckets, each with the absolute path it writes to, and uncommitted part files) belongs to one output
     * directory: a job restored from a checkpoint of the same output continues it exactly once, while a job writing
     * elsewhere (the next session, started from the previous session's savepoint) must not claim it, or it would keep
     * writing its lines into the previous directory's open bucket (same hour bucket) and commit them there. A job
     * restored with another output leaves the old sink state unclaimed (it needs
     * {@code execution.state-recovery.ignore-unclaimed-state}); the previous job committed its lines when it stopped
     * with the savepoint.
     */
    public static String uid(String name, Path dir) {
        return name + "-" + Integer.toHexString(dir.toAbsolutePath().normalize().toString().hashCode());
    }

    /**
     * Writes {@code lines} into {@code dir} through {@link #sink(Path, String)}, named {@code "<name> files"} and with
     * the {@linkplain #uid(String, Path) uid of that directory}: the one way the jobs attach their file output.
     */
    public static void attach(DataStream<String> lines, Path dir, String name) {
        lines.sinkTo(sink(dir, name)).name(name + " files").uid(uid(name + "-files", dir));
    }

    /** An exactly-once row sink writing into {@code dir} with part files named {@code prefix-*.jsonl}. */
    public static FileSink<String> sink(Path dir, String prefix) {
        return FileSink.forRowFormat(new org.apache.flink.core.fs.Path(dir.toAbsolutePath().toUri()),
                        new SimpleStringEncoder<String>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".jsonl")
                        .build())
                .build();
    }
}
