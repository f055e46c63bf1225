package org.neurostream.bench.lsl;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.streams.flink.lsl.LslSource;
import org.neurostream.streams.lsl.Lsl;
import org.neurostream.streams.lsl.LslInlet;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.record.StreamData;

/**
 * End-to-end LSL latency: a sender process ({@link LslBenchSender}) pushes float32 samples stamped with the LSL clock;
 * in this process, in the same run, a plain liblsl inlet (the baseline) and a Flink job (LSL source → keyBy network
 * exchange → {@link LatencySink}, or source → sink chained) both receive them. Latency is {@code localClock() at arrival − timestamp}.
 *
 * <p>Both paths receive {@value #WARM_UP_SECONDS} s of warm-up samples (not measured) before the measured samples.
 * Reports, per path: p50 and p99 over all samples, p99 of the first and of the last 10 s (latency creep), and lost
 * samples (counters never received). Usage:
 * {@code LslLatencyBenchmark <channels> <rateHz> <seconds> <bufferTimeoutMs> <result.json> [keyed|chained]}
 */
public final class LslLatencyBenchmark {
    private static final int WARM_UP_SECONDS = 5;
    private static final Duration WARM_UP = Duration.ofSeconds(WARM_UP_SECONDS);
    private LslLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int channels = Integer.parseInt(args[0]);
        int rateHz = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        long bufferTimeoutMs = Long.parseLong(args[3]);
        Path result = Path.of(args[4]);
        boolean keyed = args.length < 6 || args[5].equals("keyed");
        int total = rateHz * seconds;
        String id = "bench-" + channels + "x" + rateHz + "-" + ProcessHandle.current().pid();

        Process sender = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"),
                LslBenchSender.class.getName(), id, id, "" + channels, "" + rateHz, "" + seconds)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader senderOut = new BufferedReader(new InputStreamReader(sender.getInputStream(),
                StandardCharsets.UTF_8));
        expect(senderOut, "READY");

        double[] direct = new double[total];
        Arrays.fill(direct, Double.NaN);
        Thread directReceiver = new Thread(() -> receiveDirect(id, channels, direct), "direct-inlet");
        directReceiver.start();

        Path flinkFile = Files.createTempFile("lsl-latency", ".bin");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.setBufferTimeout(bufferTimeoutMs);
        DataStream<StreamData> received = env.fromSource(LslSource.builder().predicate("source_id='" + id + "'")
                .postProcessing(Set.of()).build(), WatermarkStrategy.noWatermarks(), "lsl");
        if (keyed) {
            received.keyBy(StreamData::streamKey).sinkTo(new LatencySink(flinkFile, total - 1));
        } else {
            received.sinkTo(new LatencySink(flinkFile, total - 1));
        }
        JobClient job = env.executeAsync("lsl-latency-" + id);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Files.size(flinkFile) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (Files.size(flinkFile) == 0) {
            throw new IllegalStateException("The Flink job did not receive the warm-up samples within 60 s.");
        }
        // both paths run on warm-up samples first, so JIT compilation is not part of the measured window
        Thread.sleep(WARM_UP.toMillis());
        try (Writer w = new OutputStreamWriter(sender.getOutputStream(), StandardCharsets.UTF_8)) {
            w.write("GO\n");
        }
        expect(senderOut, "DONE");
        directReceiver.join(10_000);
        double[] flink = readFlink(flinkFile, total, Duration.ofSeconds(10));
        job.cancel().get();
        sender.waitFor();
        Files.deleteIfExists(flinkFile);

        Stats lsl = Stats.of(direct, rateHz);
        Stats viaFlink = Stats.of(flink, rateHz);
        String json = String.format(Locale.ROOT, "{\"channels\": %d, \"rate_hz\": %d, \"seconds\": %d, "
                + "\"buffer_timeout_ms\": %d, \"flink_path\": \"%s\", \"liblsl\": %s, \"flink\": %s, "
                + "\"flink_added_p99_ms\": %.3f, \"load_average\": %.1f}%n",
                channels, rateHz, seconds, bufferTimeoutMs, keyed ? "source-keyBy-sink" : "source-sink (chained)",
                lsl.json(), viaFlink.json(),
                (viaFlink.p99 - lsl.p99) * 1e3,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.writeString(result, json);
        System.out.print(json);
        System.exit(0);
    }

    private static void receiveDirect(String id, int channels, double[] latencies) {
        try (LslStreamInfo info = Lsl.resolveByProperty("source_id", id, 1, Duration.ofSeconds(30)).get(0);
             LslInlet inlet = LslInlet.open(info)) {
            inlet.openStream(Duration.ofSeconds(10));
            float[] buffer = new float[256 * channels];
            double[] ts = new double[256];
            int last = latencies.length - 1;
            long idleSince = System.nanoTime();
            while (Double.isNaN(latencies[last]) && System.nanoTime() - idleSince < 10_000_000_000L) {
                int n = inlet.pullAvailable(buffer, ts, Duration.ofMillis(100));
                double now = Lsl.localClock();
                if (n > 0) {
                    idleSince = System.nanoTime();
                }
                for (int s = 0; s < n; s++) {
                    int counter = (int) buffer[s * channels];
                    if (counter >= 0 && counter <= last) {
                        latencies[counter] = now - ts[s];
                    }
                }
            }
        }
    }

    private static double[] readFlink(Path file, int total, Duration wait) throws IOException, InterruptedException {
        double[] latencies = new double[total];
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Arrays.fill(latencies, Double.NaN);
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                while (true) {
                    int counter = in.readInt();
                    double latency = in.readDouble();
                    if (counter >= 0 && counter < total) {
                        latencies[counter] = latency;
                    }
                }
            } catch (EOFException end) {
                // read what has been flushed
            }
            if (!Double.isNaN(latencies[total - 1]) || System.nanoTime() > deadline) {
                return latencies;
            }
            Thread.sleep(200);
        }
    }

    private static void expect(BufferedReader in, String prefix) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(prefix)) {
                return;
            }
        }
        throw new IOException("The sender exited before printing " + prefix + ".");
    }

    /** Latency percentiles (seconds) and lost samples of one path. */
    record Stats(double p50, double p99, double p99First10s, double p99Last10s, double max, int lost) {
        static Stats of(double[] latencies, int rateHz) {
            int window = Math.min(latencies.length, 10 * rateHz);
            double[] received = Arrays.stream(latencies).filter(d -> !Double.isNaN(d)).sorted().toArray();
            return new Stats(percentile(received, 0.50), percentile(received, 0.99),
                    percentile(sorted(latencies, 0, window), 0.99),
                    percentile(sorted(latencies, latencies.length - window, latencies.length), 0.99),
                    received.length == 0 ? Double.NaN : received[received.length - 1],
                    latencies.length - received.length);
        }

        private static double[] sorted(double[] a, int from, int to) {
            return Arrays.stream(a, from, to).filter(d -> !Double.isNaN(d)).sorted().toArray();
        }

        private static double percentile(double[] sorted, double q) {
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1,
                    Math.floor(q * sorted.length))];
        }

        String json() {
            return String.format(Locale.ROOT, "{\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"p99_first10s_ms\": %.3f, "
                    + "\"p99_last10s_ms\": %.3f, \"max_ms\": %.3f, \"lost\": %d}", p50 * 1e3, p99 * 1e3,
                    p99First10s * 1e3, p99Last10s * 1e3, max * 1e3, lost);
        }
    }
}
