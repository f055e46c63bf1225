package org.neurostream.bench.bci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
                JsonNode scipy = run(python, scriptDir + "/bci_sosfilt_throughput.py", "--channels",
                        String.valueOf(CHANNELS), "--chunk", String.valueOf(chunk));
                double streaming = scipy.get("streamingChannelSamplesPerSecond").asDouble();
                double whole = scipy.get("wholeChannelSamplesPerSecond").asDouble();
                versions = "scipy " + scipy.get("scipy").asText() + ", numpy " + scipy.get("numpy").asText();
                filterRows.add(String.format(Locale.ROOT, "| %d | %.3g | %.3g | %.1f× | %.3g | %.2f× |", chunk,
                        javaRate, streaming, javaRate / streaming, whole, javaRate / whole));
            } else {
                int samples = Integer.parseInt(result.getParams().getParam("epochSamples"));
                JsonNode scipy = run(python, scriptDir + "/bci_welch_throughput.py", "--channels",
                        String.valueOf(CHANNELS), "--samples", String.valueOf(samples));
                double reference = scipy.get("epochsPerSecond").asDouble();
                welchRows.add(String.format(Locale.ROOT, "| %d × %d | %.4g | %.4g | %.1f× |", CHANNELS, samples,
                        score, reference, score / reference));
            }
        }
        System.out.println(versions);
        System.out.println("| chunk (samples) | neurostream StreamingSosFilter (ch·samples/s) | scipy sosfilt streaming "
                + "(ch·samples/s) | ratio | scipy sosfilt whole signal (ch·samples/s) | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        filterRows.forEach(System.out::println);
        System.out.println();
        System.out.println("| epoch (channels × samples) | neurostream Welch (epochs/s) | scipy.signal.welch (epochs/s) "
                + "| ratio |");
        System.out.println("|---|---|---|---|");
        welchRows.forEach(System.out::println);
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
