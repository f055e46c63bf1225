package org.neurostream.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.neurostream.streams.flink.replay.FileRecordingReader;
import org.neurostream.streams.flink.replay.RecordingReader;
import org.neurostream.streams.flink.replay.ReplaySource;
import org.neurostream.streams.flink.replay.ReplayStreams;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.format.StreamOutline;
import org.neurostream.streams.record.ValueFormat;

/**
 * Heap and throughput of the replay with EDF/BDF and XDF files decoded on demand (the default
 * {@link FileRecordingReader}, {@link Recordings#open}) against the replay that decodes every file whole before
 * replaying it (as the replay did before, {@link Recordings#read}), in one JVM and one run, on the same files:
 * {@code FILE} listed {@code --copies} times, replayed by an embedded Flink (one MiniCluster for all jobs,
 * parallelism {@code --parallelism}) into a discarding sink. The two variants alternate within each round, so that
 * both see the same machine load.
 *
 * <p>Heap: the peak of the heap in use after each garbage collection during the job (its live data) and the peak
 * sampled every millisecond ({@link HeapWatch}); run with a small young generation ({@code -Xmn64m}) so that
 * collections, and with them live-data samples, come often. Throughput: channel-samples per second of the job's net
 * runtime and per CPU-second of the process. Each round's ratio lazy/eager is reported; the tables give medians over
 * {@code --rounds} rounds after one warm-up round.
 *
 * <p>Usage: {@code ReplayMemoryBenchmark FILE [--copies K] [--rounds R] [--chunk-samples N] [--parallelism P]}.
 */
public final class ReplayMemoryBenchmark {

    /** One job: channel-samples, net runtime, process CPU seconds, peak live heap and peak used heap (bytes). */
    private record Run(long channelSamples, double netSeconds, double cpuSeconds, long peakLiveBytes,
                       long peakUsedBytes) {
        double rate() {
            return channelSamples / netSeconds;
        }

        double cpuRate() {
            return channelSamples / cpuSeconds;
        }
    }

    private ReplayMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("Usage: ReplayMemoryBenchmark FILE [--copies K] [--rounds R] [--chunk-samples N]"
                    + " [--parallelism P]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int copies = HarnessOptions.positiveInt(args, "--copies", 8);
        int rounds = HarnessOptions.positiveInt(args, "--rounds", 3);
        int chunk = HarnessOptions.positiveInt(args, "--chunk-samples", 1000);
        int parallelism = HarnessOptions.positiveInt(args, "--parallelism", 2);
        long perFile = 0;
        for (StreamOutline s : Recordings.outline(file)) {
            if (s.description().valueFormat() != ValueFormat.STRING) {
                perFile += (long) s.sampleCount() * s.description().channelCount();
            }
        }
        System.out.printf(Locale.ROOT, "file %s (%,d channel-samples), %d copies, chunks of %d samples, "
                        + "parallelism %d, %d rounds, %d cores, max heap %d MB, Java %s%n", file, perFile, copies,
                chunk, parallelism, rounds, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        List<Run> lazy = new ArrayList<>();
        List<Run> eager = new ArrayList<>();
        try (SharedMiniCluster cluster = SharedMiniCluster.start(parallelism)) {
            for (int round = 0; round <= rounds; round++) {
                Run l = replay(cluster, file, copies, chunk, parallelism, new FileRecordingReader(), perFile);
                Run e = replay(cluster, file, copies, chunk, parallelism, FileRecordingReader.decodingWholeFiles(), perFile);
                System.out.printf(Locale.ROOT, "%-8s lazy %7.2f M/s, live heap %6.1f MB, used %6.1f MB | eager "
                                + "%7.2f M/s, live heap %6.1f MB, used %6.1f MB | lazy/eager rate %.2f, live heap "
                                + "%.3f%n", round == 0 ? "warm-up" : "round " + round, l.rate() / 1e6,
                        mb(l.peakLiveBytes()), mb(l.peakUsedBytes()), e.rate() / 1e6, mb(e.peakLiveBytes()),
                        mb(e.peakUsedBytes()), l.rate() / e.rate(),
                        (double) l.peakLiveBytes() / e.peakLiveBytes());
                if (round > 0) {
                    lazy.add(l);
                    eager.add(e);
                }
            }
        }
        System.out.println();
        System.out.println("| replay | peak live heap (MB) | peak used heap (MB) | channel-samples/s (net runtime) "
                + "| channel-samples per CPU-s |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("eager: files decoded whole (before)", eager);
        row("lazy: EDF/BDF records or XDF values decoded on demand", lazy);
        System.out.printf(Locale.ROOT, "| lazy / eager | %.3f | %.3f | %.2f | %.2f |%n",
                ratio(lazy, eager, r -> r.peakLiveBytes()), ratio(lazy, eager, r -> r.peakUsedBytes()),
                ratio(lazy, eager, Run::rate), ratio(lazy, eager, Run::cpuRate));
    }

    private static void row(String name, List<Run> runs) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %,.0f | %,.0f |%n", name,
                mb((long) HarnessStats.median(runs, r -> r.peakLiveBytes())),
                mb((long) HarnessStats.median(runs, r -> r.peakUsedBytes())), HarnessStats.median(runs, Run::rate),
                HarnessStats.median(runs, Run::cpuRate));
    }

    /** The median over rounds of the per-round ratio lazy / eager. */
    private static double ratio(List<Run> lazy, List<Run> eager, java.util.function.ToDoubleFunction<Run> f) {
        double[] ratios = new double[lazy.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = f.applyAsDouble(lazy.get(i)) / f.applyAsDouble(eager.get(i));
        }
        return HarnessStats.median(ratios);
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }

    private static Run replay(SharedMiniCluster cluster, Path file, int copies, int chunk, int parallelism,
                              RecordingReader reader, long perFile) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = cluster.environment(conf, parallelism);
        ReplaySource source = ReplaySource.builder().files(Collections.nCopies(copies, file)).chunkSamples(chunk)
                .recordingReader(reader).build();
        ReplayStreams.unordered(env, source).sinkTo(new DiscardingSink<>());
        try (HeapWatch heap = HeapWatch.start()) {
            double cpuStart = ProcessCpu.seconds();
            JobExecutionResult result = env.execute("replay memory");
            double cpu = ProcessCpu.seconds() - cpuStart;
            return new Run(perFile * copies, result.getNetRuntime(TimeUnit.MILLISECONDS) / 1e3, cpu,
                    heap.peakLiveBytes(), heap.peakUsedBytes());
        }
    }
}
