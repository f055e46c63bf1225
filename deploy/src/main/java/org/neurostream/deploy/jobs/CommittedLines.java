package org.neurostream.deploy.jobs;

import java.nio.file.Path;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
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
