package org.neurostream.bench.bci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the bci signal-processing JMH benchmarks ({@link SosFilterBenchmark}, {@link WelchBenchmark}) with short
 * settings and, in the same run, their scipy baselines ({@code bench/scripts/bci_sosfilt_throughput.py},
 * {@code bench/scripts/bci_welch_throughput.py}); prints Markdown tables with both rates and their ratio.
 *
 * <p>Rates are given twice: per wall-clock second (JMH; scipy's {@code perf_counter}) and per CPU second of the
 * measuring thread (a plain loop over the same benchmark state timed with {@code ThreadMXBean}; scipy's
 * {@code process_time}). On a machine shared with other jobs the wall-clock rates swing with the load while the
 * CPU-time rates stay comparable, so the CPU-time ratio is the headline figure.
 *
 * <p>Usage: {@code java -cp <bench classpath> org.neurostream.bench.bci.BciDspThroughput [python3] [scriptDir]}.
 */
public final class BciDspThroughput {
    private static final int CHANNELS = 64;

    private BciDspThroughput() {
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        String python = args.length > 0 ? args[0] : "python3";
        String scriptDir = args.length > 1 ? args[1] : "bench/scripts";
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(SosFilterBenchmark.class.getSimpleName())
                .include(WelchBenchmark.class.getSimpleName())
                .param("channels", String.valueOf(CHANNELS))
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .forks(1)
                .build()).run();
        List<String> filterRows = new ArrayList<>();
        List<String> welchRows = new ArrayList<>();
        String versions = "";
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            if (benchmark.endsWith("filterChunk")) {
                int chunk = Integer.parseInt(result.getParams().getParam("chunkSamples"));
                double javaRate = score * CHANNELS * chunk;
                SosFilterBenchmark state = new SosFilterBenchmark();
                state.channels = CHANNELS;
                state.chunkSamples = chunk;
                state.setUp();
                double javaCpuRate = opsPerCpuSecond(state::filterChunk) * CHANNELS * chunk;
                JsonNode scipy = run(python, scriptDir + "/bci_sosfilt_throughput.py", "--channels",
                        String.valueOf(CHANNELS), "--chunk", String.valueOf(chunk));
                double streaming = scipy.get("streamingChannelSamplesPerSecond").asDouble();
                double whole = scipy.get("wholeChannelSamplesPerSecond").asDouble();
                double streamingCpu = scipy.get("streamingChannelSamplesPerCpuSecond").asDouble();
                double wholeCpu = scipy.get("wholeChannelSamplesPerCpuSecond").asDouble();
                versions = "scipy " + scipy.get("scipy").asText() + ", numpy " + scipy.get("numpy").asText();
                filterRows.add(String.format(Locale.ROOT, "| %d | wall | %.3g | %.3g | %.1f× | %.3g | %.2f× |", chunk,
                        javaRate, streaming, javaRate / streaming, whole, javaRate / whole));
                filterRows.add(String.format(Locale.ROOT, "| %d | CPU | %.3g | %.3g | %.1f× | %.3g | %.2f× |", chunk,
                        javaCpuRate, streamingCpu, javaCpuRate / streamingCpu, wholeCpu, javaCpuRate / wholeCpu));
            } else {
                int samples = Integer.parseInt(result.getParams().getParam("epochSamples"));
                JsonNode scipy = run(python, scriptDir + "/bci_welch_throughput.py", "--channels",
                        String.valueOf(CHANNELS), "--samples", String.valueOf(samples));
                double reference = scipy.get("epochsPerSecond").asDouble();
                double referenceCpu = scipy.get("epochsPerCpuSecond").asDouble();
                WelchBenchmark state = new WelchBenchmark();
                state.channels = CHANNELS;
                state.epochSamples = samples;
                state.setUp();
                double cpuRate = opsPerCpuSecond(state::psdOfOneEpoch);
                welchRows.add(String.format(Locale.ROOT, "| %d × %d | wall | %.4g | %.4g | %.1f× |", CHANNELS, samples,
                        score, reference, score / reference));
                welchRows.add(String.format(Locale.ROOT, "| %d × %d | CPU | %.4g | %.4g | %.1f× |", CHANNELS, samples,
                        cpuRate, referenceCpu, cpuRate / referenceCpu));
            }
        }
        System.out.println(versions);
        System.out.println("| chunk (samples) | per | neurostream StreamingSosFilter (ch·samples/s) | scipy sosfilt "
                + "streaming (ch·samples/s) | ratio | scipy sosfilt whole signal (ch·samples/s) | ratio |");
        System.out.println("|---|---|---|---|---|---|---|");
        filterRows.forEach(System.out::println);
        System.out.println();
        System.out.println("| epoch (channels × samples) | per | neurostream Welch (epochs/s) | scipy.signal.welch "
                + "(epochs/s) | ratio |");
        System.out.println("|---|---|---|---|---|");
        welchRows.forEach(System.out::println);
    }

    /**
     * Operations per CPU second of this thread: 1 s of CPU warm-up (after JMH's own runs the code is already
     * compiled), then the median of five 1 s CPU measurements.
     */
    private static double opsPerCpuSecond(Supplier<double[]> operation) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sink = 0;
        double[] rates = new double[6];
        for (int round = 0; round < rates.length; round++) {
            long start = mx.getCurrentThreadCpuTime();
            long ops = 0;
            long elapsed;
            do {
                sink += operation.get()[0];
                ops++;
                elapsed = mx.getCurrentThreadCpuTime() - start;
            } while (elapsed < 1_000_000_000L);
            rates[round] = ops / (elapsed / 1e9);
        }
        if (Double.isNaN(sink)) {
            System.out.println("(non-finite output)");
        }
        double[] measured = java.util.Arrays.copyOfRange(rates, 1, rates.length);
        java.util.Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static JsonNode run(String python, String script, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (code != 0) {
            throw new IOException(script + " exited with " + code + ": " + out);
        }
        return new ObjectMapper().readTree(out);
    }
}
