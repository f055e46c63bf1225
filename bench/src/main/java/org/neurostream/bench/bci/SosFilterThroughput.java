package org.neurostream.bench.bci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SosFilterBenchmark} (JMH, short settings) and, in the same run, scipy.signal.sosfilt on the same
 * configuration through {@code bench/scripts/bci_sosfilt_throughput.py}; prints channel-samples per second for both and
 * their ratio as a Markdown table.
 *
 * <p>Usage: {@code java -cp <bench classpath> org.neurostream.bench.bci.SosFilterThroughput [python3] [script]}.
 */
public final class SosFilterThroughput {

    private SosFilterThroughput() {
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        String python = args.length > 0 ? args[0] : "python3";
        String script = args.length > 1 ? args[1] : "bench/scripts/bci_sosfilt_throughput.py";
        int channels = 64;
        Options options = new OptionsBuilder()
                .include(SosFilterBenchmark.class.getSimpleName())
                .param("channels", String.valueOf(channels))
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .forks(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        StringBuilder table = new StringBuilder();
        table.append("| chunk (samples) | neurostream StreamingSosFilter (ch·samples/s) | scipy sosfilt streaming "
                + "(ch·samples/s) | ratio | scipy sosfilt whole signal (ch·samples/s) | ratio |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (RunResult result : results) {
            int chunk = Integer.parseInt(result.getParams().getParam("chunkSamples"));
            double javaRate = result.getPrimaryResult().getScore() * channels * chunk;
            JsonNode scipy = runScipy(python, script, channels, chunk);
            double streaming = scipy.get("streamingChannelSamplesPerSecond").asDouble();
            double whole = scipy.get("wholeChannelSamplesPerSecond").asDouble();
            table.append(String.format(Locale.ROOT, "| %d | %.3g | %.3g | %.1f× | %.3g | %.2f× |%n", chunk,
                    javaRate, streaming, javaRate / streaming, whole, javaRate / whole));
            if (result == results.iterator().next()) {
                System.out.println("scipy " + scipy.get("scipy").asText() + ", numpy " + scipy.get("numpy").asText());
            }
        }
        System.out.print(table);
    }

    private static JsonNode runScipy(String python, String script, int channels, int chunk)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(python, script, "--channels", String.valueOf(channels), "--chunk",
                String.valueOf(chunk)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (code != 0) {
            throw new IOException(script + " exited with " + code + ": " + out);
        }
        return new ObjectMapper().readTree(out);
    }
}
