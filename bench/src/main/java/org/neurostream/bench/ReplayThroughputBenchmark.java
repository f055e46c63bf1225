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
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.neurostream.streams.flink.replay.ReplaySource;
import org.neurostream.streams.flink.replay.ReplayStreams;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * Replay throughput in channel-samples per second, three ways in one run on the same file:
 * <ol>
 *   <li><b>raw decode</b> (baseline, one thread, no Flink): {@code Recordings.read} plus cutting every stream into
 *       chunks with {@code RecordedStream.slice}, as the replay reader does;</li>
 *   <li><b>Flink, chained</b>: {@link ReplaySource} into a discarding sink on an embedded Flink, source and sink
 *       chained (no serialization);</li>
 *   <li><b>Flink, rebalanced</b>: the same with a {@code rebalance()} before the sink, so that every chunk goes
 *       through the network stack and the record serializers.</li>
 * </ol>
 * The file is listed {@code --copies} times so that a job runs long enough for its start-up not to dominate; every
 * listing is decoded (by the enumerator, to count streams, and by a reader). Flink throughput is given over the job's
 * net runtime (from the job's start to its end, without starting the embedded cluster) and over the client's wall
 * clock, and per CPU-second of the whole process (which does not depend on other load on the machine). Each
 * variant runs {@code --rounds} times after one warm-up round; the median is reported.
 *
 * <p>Usage: {@code ReplayThroughputBenchmark FILE [--copies K] [--rounds R] [--chunk-samples N] [--parallelism P]}.
 */
public final class ReplayThroughputBenchmark {

    private ReplayThroughputBenchmark() {
    }

    /**
     * One measured run: channel-samples, seconds (net job runtime for Flink), client wall-clock seconds and the CPU
     * seconds the whole process used meanwhile (all threads: tasks, JIT, GC).
     */
    private record Run(long channelSamples, double seconds, double wallSeconds, double cpuSeconds) {
        double rate() {
            return channelSamples / seconds;
        }

        double wallRate() {
            return channelSamples / wallSeconds;
        }

        double cpuRate() {
            return channelSamples / cpuSeconds;
        }
    }


    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("Usage: ReplayThroughputBenchmark FILE [--copies K] [--rounds R] [--chunk-samples N]"
                    + " [--parallelism P]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int copies = HarnessOptions.positiveInt(args, "--copies", 20);
        int rounds = HarnessOptions.positiveInt(args, "--rounds", 3);
        int chunk = HarnessOptions.positiveInt(args, "--chunk-samples", 1000);
        int parallelism = HarnessOptions.positiveInt(args, "--parallelism", 2);

        System.out.printf(Locale.ROOT, "file %s, %d copies, chunks of %d samples, parallelism %d, %d rounds, "
                        + "%d cores, Java %s%n", file, copies, chunk, parallelism, rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        long perFile = channelSamples(Recordings.read(file));
        List<Run> raw = new ArrayList<>();
        List<Run> chained = new ArrayList<>();
        List<Run> rebalanced = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            Run r = rawDecode(file, copies, chunk);
            Run c = flink(file, copies, chunk, parallelism, false, perFile);
            Run b = flink(file, copies, chunk, parallelism, true, perFile);
            String label = round == 0 ? "warm-up" : "round " + round;
            System.out.printf(Locale.ROOT, "%-8s raw %6.2f M/s (per CPU-s %6.2f) | flink chained %6.2f M/s "
                            + "(wall %6.2f, per CPU-s %6.2f) | flink rebalanced %6.2f M/s (wall %6.2f, per CPU-s "
                            + "%6.2f)%n", label, r.rate() / 1e6, r.cpuRate() / 1e6, c.rate() / 1e6,
                    c.wallRate() / 1e6, c.cpuRate() / 1e6, b.rate() / 1e6, b.wallRate() / 1e6, b.cpuRate() / 1e6);
            if (round > 0) {
                raw.add(r);
                chained.add(c);
                rebalanced.add(b);
            }
        }
        double rawRate = median(raw, false);
        double chainedRate = median(chained, false);
        double rebalancedRate = median(rebalanced, false);
        System.out.println();
        System.out.printf(Locale.ROOT, "| variant | channel-samples/s (median) | vs raw decode |%n");
        System.out.printf(Locale.ROOT, "|---|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| raw decode + chunking, 1 thread, no Flink | %,.0f | 1.00 |%n", rawRate);
        System.out.printf(Locale.ROOT, "| Flink replay -> discarding sink, chained | %,.0f | %.2f |%n", chainedRate,
                chainedRate / rawRate);
        System.out.printf(Locale.ROOT, "| same, wall clock incl. job submission | %,.0f | %.2f |%n",
                median(chained, true), median(chained, true) / rawRate);
        System.out.printf(Locale.ROOT, "| Flink replay -> rebalance -> discarding sink | %,.0f | %.2f |%n",
                rebalancedRate, rebalancedRate / rawRate);
        System.out.printf(Locale.ROOT, "| same, wall clock incl. job submission | %,.0f | %.2f |%n",
                median(rebalanced, true), median(rebalanced, true) / rawRate);
        double rawCpu = HarnessStats.median(raw, Run::cpuRate);
        System.out.println();
        System.out.println("Per CPU-second of the whole process (independent of other load on the machine):");
        System.out.printf(Locale.ROOT, "| raw decode + chunking | %,.0f | 1.00 |%n", rawCpu);
        System.out.printf(Locale.ROOT, "| Flink chained (incl. job start-up work) | %,.0f | %.2f |%n",
                HarnessStats.median(chained, Run::cpuRate), HarnessStats.median(chained, Run::cpuRate) / rawCpu);
        System.out.printf(Locale.ROOT, "| Flink rebalanced (incl. job start-up work) | %,.0f | %.2f |%n",
                HarnessStats.median(rebalanced, Run::cpuRate), HarnessStats.median(rebalanced, Run::cpuRate) / rawCpu);
    }

    private static long channelSamples(Recording recording) {
        long n = 0;
        for (RecordedStream s : recording.streams()) {
            if (!s.isMarkerStream()) {
                n += (long) s.sampleCount() * s.description().channelCount();
            }
        }
        return n;
    }

    /** The baseline: what the replay reader does with a file, without Flink. */
    private static Run rawDecode(Path file, int copies, int chunk) throws Exception {
        long start = System.nanoTime();
        double cpuStart = ProcessCpu.seconds();
        long channelSamples = 0;
        double checksum = 0;
        for (int i = 0; i < copies; i++) {
            Recording recording = Recordings.read(file);
            for (RecordedStream s : recording.streams()) {
                int step = s.isMarkerStream() ? 1 : chunk;
                for (int from = 0; from < s.sampleCount(); from += step) {
                    for (StreamData e : s.slice(from, Math.min(from + step, s.sampleCount()))) {
                        if (e instanceof SampleChunk c) {
                            channelSamples += (long) c.sampleCount() * c.channelCount();
                            checksum += c.values()[c.values().length - 1];
                        }
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (Double.isNaN(checksum)) {
            System.out.println("(checksum NaN)");
        }
        return new Run(channelSamples, seconds, seconds, ProcessCpu.seconds() - cpuStart);
    }

    private static Run flink(Path file, int copies, int chunk, int parallelism, boolean rebalance, long perFile)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        ReplaySource source = ReplaySource.builder().files(Collections.nCopies(copies, file)).chunkSamples(chunk)
                .build();
        DataStream<StreamData> replayed = ReplayStreams.unordered(env, source);
        if (rebalance) {
            replayed = replayed.rebalance();
        }
        replayed.sinkTo(new DiscardingSink<>());
        long start = System.nanoTime();
        double cpuStart = ProcessCpu.seconds();
        JobExecutionResult result = env.execute("replay throughput");
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = ProcessCpu.seconds() - cpuStart;
        double net = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1e3;
        return new Run(perFile * copies, net, wall, cpu);
    }

    private static double median(List<Run> runs, boolean wall) {
        return HarnessStats.median(runs, wall ? Run::wallRate : Run::rate);
    }


}
