package org.neurostream.deploy.jobs;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import picocli.CommandLine.Option;

/**
 * The checkpoint option of the entry points whose output is committed with checkpoints (a picocli mixin), and the
 * Flink configuration it gives: generic types (Kryo) off, checkpoints every {@code --checkpoint-interval} ms.
 */
final class CheckpointedOutput {
    @Option(names = "--checkpoint-interval", paramLabel = "MS", defaultValue = "1000",
            description = "Checkpoint interval in ms (execution.checkpointing.interval); output files are committed "
                    + "with checkpoints (default: ${DEFAULT-VALUE}).")
    long checkpointIntervalMillis;

    Configuration configuration() {
        if (checkpointIntervalMillis <= 0) {
            throw new IllegalArgumentException("Invalid value for '--checkpoint-interval': it must be > 0 ms (output "
                    + "is committed with checkpoints), but got " + checkpointIntervalMillis + ".");
        }
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(checkpointIntervalMillis));
        return conf;
    }
}
