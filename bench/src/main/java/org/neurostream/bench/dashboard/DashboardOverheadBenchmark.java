package org.neurostream.bench.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.neurostream.deploy.dashboard.DashboardInfo;
import org.neurostream.deploy.dashboard.DashboardOperator;
import org.neurostream.deploy.dashboard.DashboardOptions;
import org.neurostream.deploy.dashboard.Dashboards;
import org.neurostream.streams.flink.replay.ReplaySource;
import org.neurostream.streams.flink.replay.ReplayStreams;
import org.neurostream.streams.flink.replay.TimestampOrderedMerge;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.bench.HarnessOptions;
import org.neurostream.bench.HarnessStats;
import org.neurostream.streams.format.xdf.XdfWriter;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * What the live dashboard costs a job: the replay job's pipeline (replay source → timestamp-order merge → sink) over
 * a 64-channel 1 kHz XDF recording at unpaced speed, without and with the dashboard (tap, dashboard operator, HTTP
 * server, backpressure probe) while a client is connected to {@code /events} and reads everything, alternating in one
 * run. Throughput is channel-samples per second of the job's net runtime; per CPU-second of the job's threads (the
 * source's split fetcher, which decodes, and the task thread on which every operator of this job runs chained,
 * dashboard tap and operator included: the job's throughput on cores of its own, which barely depends on other load
 * on the machine); and per CPU-second of the whole process (adds the dashboard's own threads, the client, Flink's REST
 * answers, GC and JIT). The ratio on/off is the cost. The dashboard's own threads ({@code neurostream-dashboard-*}:
 * HTTP server and health timer, the publisher that writes the JSON, the tap's analysis thread for band power and bad
 * channels) are reported separately; they are not the job's threads, so their CPU shows in the process column and,
 * on a machine without a spare core, in the wall clock.
 *
 * <p>Each variant of each round runs in a JVM of its own (2 warm-up jobs, then the median of 3 measured jobs), the
 * two alternating in order from round to round: the JIT's choices differ from JVM to JVM, so a round compares two
 * fresh JVMs, and the rounds' spread shows that variance.
 *
 * <p>Usage: {@code DashboardOverheadBenchmark [--seconds S] [--copies K] [--rounds R] [--chunk-samples N]}: the
 * generated recording holds S seconds (default 60) and is listed K times (default 10).
 */
public final class DashboardOverheadBenchmark {
    private static final int CHANNELS = 64;
    private static final double RATE_HZ = 1000;

    private DashboardOverheadBenchmark() {
    }

    /**
     * One measured job. CPU in s, allocation in bytes: {@code task*} of the job's own threads, {@code dashboard*} of
     * the {@code neurostream-dashboard-*} threads, {@code allocatedBytes} of every Java thread; {@code gcCpuSeconds}
     * and {@code jitCpuSeconds} of the JVM's GC and compiler threads (from {@code /proc}), {@code gcPauseSeconds} the
     * collectors' accumulated collection time; {@code restCpuSeconds} of Flink's REST server threads and the JDK
     * HTTP client's (the backpressure probe's requests and Flink's answers); {@code clientCpuSeconds} of the thread
     * that stands for the browser.
     */
    private record Run(long channelSamples, double netSeconds, double cpuSeconds, double taskCpuSeconds,
            double dashboardThreadSeconds, long eventsRead, long taskAllocatedBytes, long dashboardAllocatedBytes,
            long allocatedBytes, double gcCpuSeconds, double gcPauseSeconds, double jitCpuSeconds,
            double restCpuSeconds, double clientCpuSeconds) {
        double rate() {
            return channelSamples / netSeconds;
        }

        double cpuRate() {
            return channelSamples / cpuSeconds;
        }

        double taskCpuRate() {
            return channelSamples / taskCpuSeconds;
        }

        String line() {
            return channelSamples + " " + netSeconds + " " + cpuSeconds + " " + taskCpuSeconds + " "
                    + dashboardThreadSeconds + " " + eventsRead + " " + taskAllocatedBytes + " "
                    + dashboardAllocatedBytes + " " + allocatedBytes + " " + gcCpuSeconds + " " + gcPauseSeconds + " "
                    + jitCpuSeconds + " " + restCpuSeconds + " " + clientCpuSeconds;
        }

        static Run parse(String line) {
            String[] f = line.trim().split(" ");
            return new Run(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]),
                    Long.parseLong(f[7]), Long.parseLong(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]),
                    Double.parseDouble(f[11]), Double.parseDouble(f[12]), Double.parseDouble(f[13]));
        }
    }

    /**
     * Samples the CPU time of every Java thread while a job runs and sums it by role: the job's own threads (the
     * source task thread, "Source: replay -> ...", on which the merge, the sink and, when on, the dashboard tap and
     * operator run chained; and the source's split fetcher, "Source Data Fetcher ...", which decodes the file), the
     * dashboard's server threads, and the rest (Flink's REST server and RPC, the test client). JIT and GC threads are
     * not Java threads: they show in the process total only.
     */
    private static final class ThreadCpu implements AutoCloseable {
        private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final java.util.Map<Long, Long> cpuNanos = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Long, Long> startNanos = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Long, Long> allocated = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Long, Long> startAllocated = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        ThreadCpu() {
            sample();
            for (Long id : cpuNanos.keySet()) {
                startNanos.put(id, cpuNanos.get(id));
            }
            startAllocated.putAll(allocated);
            timer.scheduleAtFixedRate(this::sample, 20, 20, TimeUnit.MILLISECONDS);
        }

        private void sample() {
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    long cpu = threads.getThreadCpuTime(info.getThreadId());
                    if (cpu > 0) {
                        cpuNanos.merge(info.getThreadId(), cpu, Math::max);
                        names.putIfAbsent(info.getThreadId(), info.getThreadName());
                    }
                    long bytes = ((com.sun.management.ThreadMXBean) threads).getThreadAllocatedBytes(
                            info.getThreadId());
                    if (bytes > 0) {
                        allocated.merge(info.getThreadId(), bytes, Math::max);
                    }
                }
            }
        }

        /** CPU seconds since construction of the threads whose name starts with one of {@code prefixes}. */
        double seconds(String... prefixes) {
            sample();
            long total = 0;
            for (var e : cpuNanos.entrySet()) {
                String name = names.get(e.getKey());
                for (String p : prefixes) {
                    if (name.startsWith(p)) {
                        total += e.getValue() - startNanos.getOrDefault(e.getKey(), 0L);
                        break;
                    }
                }
            }
            return total / 1e9;
        }

        /** Bytes allocated since construction by the threads whose name starts with one of {@code prefixes}. */
        long allocatedBytes(String... prefixes) {
            sample();
            long total = 0;
            for (var e : allocated.entrySet()) {
                String name = names.getOrDefault(e.getKey(), "");
                for (String p : prefixes) {
                    if (name.startsWith(p)) {
                        total += e.getValue() - startAllocated.getOrDefault(e.getKey(), 0L);
                        break;
                    }
                }
            }
            return total;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = HarnessOptions.positiveInt(args, "--seconds", 60);
        int copies = HarnessOptions.positiveInt(args, "--copies", 10);
        int rounds = HarnessOptions.positiveInt(args, "--rounds", 5);
        int chunk = HarnessOptions.positiveInt(args, "--chunk-samples", 1000);
        String variant = HarnessOptions.text(args, "--variant", null);
        if (variant != null) {
            runVariant(Path.of(HarnessOptions.text(args, "--files", null)), chunk, variant, seconds);
            return;
        }
        Path dir = Files.createTempDirectory("neurostream-dashboard-bench");
        Path xdf = writeRecording(dir.resolve("eeg64x1k.xdf"), seconds);
        // Each copy is a link with a name of its own, so each is a stream of its own (stream keys come from file
        // names); copies listed under one name would share a stream key and look to the tap like one stream whose
        // timestamps jump back at every chunk.
        Path links = Files.createDirectory(dir.resolve("copies"));
        for (int i = 0; i < copies; i++) {
            Files.createLink(links.resolve(String.format(Locale.ROOT, "eeg64x1k-%03d.xdf", i)), xdf);
        }
        long channelSamples = (long) CHANNELS * seconds * (long) RATE_HZ * copies;
        System.out.printf(Locale.ROOT, "%d ch x %.0f Hz, %d s listed %d times (%,d channel-samples per job), chunks "
                        + "of %d, %d rounds, each variant of a round in a JVM of its own (2 warm-up jobs, then the "
                        + "median of 3 measured ones), %d cores, Java %s%n", CHANNELS, RATE_HZ, seconds, copies,
                channelSamples, chunk, rounds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        List<Run> off = new ArrayList<>();
        List<Run> on = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // alternate the order so that drifting machine load does not favour one variant
            boolean onFirst = round % 2 == 0;
            Run a = runInOwnJvm(links, chunk, onFirst, seconds);
            Run b = runInOwnJvm(links, chunk, !onFirst, seconds);
            Run withDashboard = onFirst ? a : b;
            Run without = onFirst ? b : a;
            System.out.printf(Locale.ROOT, "round %-2d off %6.2f M/s (job threads %6.2f, process %6.2f per CPU-s) | on "
                            + "%6.2f M/s (job threads %6.2f, process %6.2f per CPU-s; dashboard threads %.3f CPU-s; "
                            + "%d events read) | on/off %.3f, job threads %.3f, process %.3f%n", round,
                    without.rate() / 1e6, without.taskCpuRate() / 1e6, without.cpuRate() / 1e6,
                    withDashboard.rate() / 1e6, withDashboard.taskCpuRate() / 1e6, withDashboard.cpuRate() / 1e6,
                    withDashboard.dashboardThreadSeconds(), withDashboard.eventsRead(),
                    withDashboard.rate() / without.rate(), withDashboard.taskCpuRate() / without.taskCpuRate(),
                    withDashboard.cpuRate() / without.cpuRate());
            System.out.printf(Locale.ROOT, "         per job off/on: net %.2f/%.2f s, GC CPU %.2f/%.2f s, alloc job "
                            + "threads %.0f/%.0f MB, dashboard threads -/%.0f MB, all %.0f/%.0f MB%n",
                    without.netSeconds(), withDashboard.netSeconds(), without.gcCpuSeconds(),
                    withDashboard.gcCpuSeconds(), without.taskAllocatedBytes() / 1e6,
                    withDashboard.taskAllocatedBytes() / 1e6, withDashboard.dashboardAllocatedBytes() / 1e6,
                    without.allocatedBytes() / 1e6, withDashboard.allocatedBytes() / 1e6);
            off.add(without);
            on.add(withDashboard);
        }
        double offRate = HarnessStats.median(off, Run::rate);
        double onRate = HarnessStats.median(on, Run::rate);
        double offCpu = HarnessStats.median(off, Run::cpuRate);
        double onCpu = HarnessStats.median(on, Run::cpuRate);
        double offTask = HarnessStats.median(off, Run::taskCpuRate);
        double onTask = HarnessStats.median(on, Run::taskCpuRate);
        double[] ratios = new double[off.size()];
        double[] taskRatios = new double[off.size()];
        double[] cpuRatios = new double[off.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = on.get(i).rate() / off.get(i).rate();
            taskRatios[i] = on.get(i).taskCpuRate() / off.get(i).taskCpuRate();
            cpuRatios[i] = on.get(i).cpuRate() / off.get(i).cpuRate();
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "| variant | channel-samples/s of net runtime | per CPU-second of the job's threads "
                + "| per CPU-second of the whole process |%n");
        System.out.printf(Locale.ROOT, "|---|---:|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| dashboard off | %,.0f | %,.0f | %,.0f |%n", offRate, offTask, offCpu);
        System.out.printf(Locale.ROOT, "| dashboard on, client reading /events | %,.0f | %,.0f | %,.0f |%n", onRate,
                onTask, onCpu);
        System.out.printf(Locale.ROOT, "| on / off (of the medians) | %.3f | %.3f | %.3f |%n", onRate / offRate,
                onTask / offTask, onCpu / offCpu);
        System.out.printf(Locale.ROOT, "| on / off, median of the per-round ratios | %.3f | %.3f | %.3f |%n",
                HarnessStats.median(ratios), HarnessStats.median(taskRatios), HarnessStats.median(cpuRatios));
        System.out.println();
        System.out.printf(Locale.ROOT, "Per job (medians over the rounds; load-insensitive except net seconds):%n");
        System.out.printf(Locale.ROOT, "| per job | off | on | on - off |%n|---|---:|---:|---:|%n");
        costRow("net runtime, s", off, on, Run::netSeconds, 1, "%.2f");
        costRow("process CPU, s", off, on, Run::cpuSeconds, 1, "%.2f");
        costRow("job threads CPU, s", off, on, Run::taskCpuSeconds, 1, "%.2f");
        costRow("dashboard threads CPU, s", off, on, Run::dashboardThreadSeconds, 1, "%.3f");
        costRow("GC threads CPU, s", off, on, Run::gcCpuSeconds, 1, "%.2f");
        costRow("GC collection time, s", off, on, Run::gcPauseSeconds, 1, "%.3f");
        costRow("JIT threads CPU, s", off, on, Run::jitCpuSeconds, 1, "%.2f");
        costRow("Flink REST + HTTP client threads CPU, s", off, on, Run::restCpuSeconds, 1, "%.3f");
        costRow("stand-in browser thread CPU, s", off, on, Run::clientCpuSeconds, 1, "%.3f");
        costRow("allocated by job threads, MB", off, on, Run::taskAllocatedBytes, 1e6, "%.1f");
        costRow("allocated by dashboard threads, MB", off, on, Run::dashboardAllocatedBytes, 1e6, "%.1f");
        costRow("allocated by all Java threads, MB", off, on, Run::allocatedBytes, 1e6, "%.1f");
        costRow("events read by the client", off, on, Run::eventsRead, 1, "%.0f");
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void costRow(String what, List<Run> off, List<Run> on, java.util.function.ToDoubleFunction<Run> f,
            double unit, String format) {
        double a = HarnessStats.median(off, f) / unit;
        double b = HarnessStats.median(on, f) / unit;
        System.out.printf(Locale.ROOT, "| %s | " + format + " | " + format + " | " + format + " |%n", what, a, b,
                b - a);
    }

    /**
     * One variant in a JVM of its own, so that the JIT compiles each variant's code for that variant alone (with both
     * in one JVM, code shared by the two jobs is compiled for whichever ran first and deoptimized by the other).
     */
    private static Run runInOwnJvm(Path files, int chunk, boolean dashboard, int seconds) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                DashboardOverheadBenchmark.class.getName(), "--variant", dashboard ? "on" : "off", "--files",
                files.toString(), "--chunk-samples", Integer.toString(chunk), "--seconds", Integer.toString(seconds)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) {
                    result = line;
                } else if (line.startsWith(PRE_JOB)) {
                    String[] f = line.substring(PRE_JOB.length()).trim().split(" ");
                    System.out.printf(Locale.ROOT, "         before its first job the on JVM read the recordings "
                            + "for the dashboard (once per run of replay --ui): %s CPU-s, %.0f MB allocated%n", f[0],
                            Long.parseLong(f[1]) / 1e6);
                }
            }
        }
        if (child.waitFor() != 0 || result == null) {
            throw new IllegalStateException("The " + (dashboard ? "on" : "off") + " variant's JVM exited with "
                    + child.exitValue() + " and no result line: " + command);
        }
        return Run.parse(result.substring(RESULT.length()));
    }

    private static final String RESULT = "RESULT ";
    /** The child's line with the CPU seconds and bytes of reading the recordings before the first job. */
    private static final String PRE_JOB = "PREJOB ";
    private static final int WARM_UP_JOBS = 2;
    private static final int MEASURED_JOBS = 3;

    /**
     * The child JVM: {@value #WARM_UP_JOBS} warm-up jobs, then {@value #MEASURED_JOBS} measured ones, of which the one
     * of median throughput is printed as one {@link #RESULT} line.
     */
    private static void runVariant(Path dir, int chunk, String variant, int seconds) throws Exception {
        if (!variant.equals("on") && !variant.equals("off")) {
            throw new IllegalArgumentException("--variant must be on or off, not '" + variant + "'");
        }
        List<Path> links;
        try (var files = Files.list(dir)) {
            links = files.sorted().toList();
        }
        long channelSamples = (long) CHANNELS * seconds * (long) RATE_HZ * links.size();
        boolean dashboard = variant.equals("on");
        // What `neurostream replay --ui` reads before its job starts (each stream's description and last timestamp):
        // once per run of the command, not part of the job's throughput, so read once per JVM and reported apart.
        Dashboards.Recorded recorded = null;
        if (dashboard) {
            long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long allocatedBefore = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                    .getCurrentThreadAllocatedBytes();
            recorded = Dashboards.recorded(links);
            System.out.printf(Locale.ROOT, "%s %.3f %d%n", PRE_JOB,
                    (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore) / 1e9,
                    ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                            .getCurrentThreadAllocatedBytes() - allocatedBefore);
        }
        for (int i = 0; i < WARM_UP_JOBS; i++) {
            run(links, chunk, recorded, channelSamples);
        }
        List<Run> measured = new ArrayList<>();
        for (int i = 0; i < MEASURED_JOBS; i++) {
            measured.add(run(links, chunk, recorded, channelSamples));
        }
        // the job of median throughput stands for this JVM
        Run r = measured.stream().sorted(java.util.Comparator.comparingDouble(Run::rate)).toList()
                .get(MEASURED_JOBS / 2);
        System.out.println(RESULT + r.line());
    }

    /** One job; with the dashboard ({@code recorded} not null), a client reads {@code /events} while it runs. */
    private static Run run(List<Path> files, int chunk, Dashboards.Recorded recorded, long channelSamples)
            throws Exception {
        boolean dashboard = recorded != null;
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        int port = freePort();
        // -Dneurostream.bench.backpressureProbe=false leaves the probe out (to measure what it costs)
        boolean probe = Boolean.parseBoolean(System.getProperty("neurostream.bench.backpressureProbe", "true"));
        String restUrl = dashboard && probe ? Dashboards.embeddedRestUrl(conf) : null;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        ReplaySource source = ReplaySource.builder().files(files).chunkSamples(chunk)
                .build();
        DataStream<StreamData> read = ReplayStreams.unordered(env, source);
        if (dashboard) {
            DashboardOperator.attach(Dashboards.signals(read, Dashboards.DEFAULT_BAND_LOW_HZ,
                            Dashboards.DEFAULT_BAND_HIGH_HZ, null, recorded),
                    DashboardInfo.of("dashboard benchmark", recorded.streams(), List.of()),
                    new DashboardOptions("127.0.0.1", port, null), restUrl);
        }
        read.transform("timestamp order", NeurostreamTypes.STREAM_DATA, new TimestampOrderedMerge())
                .setParallelism(1).sinkTo(new DiscardingSink<>());
        AtomicLong events = new AtomicLong();
        Thread client = null;
        if (dashboard) {
            client = new Thread(() -> consume(port, events), "dashboard-client");
            client.setDaemon(true);
            client.start();
        }
        double cpuStart = processCpuSeconds();
        double gcCpuStart = JvmThreadCpu.seconds("GC Thread", "G1 ");
        double jitCpuStart = JvmThreadCpu.seconds("C1 CompilerThre", "C2 CompilerThre");
        double gcPauseStart = gcCollectionSeconds();
        JobExecutionResult result;
        double taskCpu;
        double dashboardCpu;
        long taskAllocated;
        long dashboardAllocated;
        long allAllocated;
        double restCpu;
        double clientCpu;
        try (ThreadCpu threads = new ThreadCpu()) {
            result = env.execute("dashboard overhead " + (dashboard ? "on" : "off"));
            taskCpu = threads.seconds("Source: replay", "Source Data Fetcher");
            dashboardCpu = threads.seconds("neurostream-dashboard");
            taskAllocated = threads.allocatedBytes("Source: replay", "Source Data Fetcher");
            dashboardAllocated = threads.allocatedBytes("neurostream-dashboard");
            allAllocated = threads.allocatedBytes("");
            restCpu = threads.seconds("Flink-DispatcherRestEndpoint", "flink-rest-", "HttpClient-");
            clientCpu = threads.seconds("dashboard-client");
        }
        double cpu = processCpuSeconds() - cpuStart;
        double gcCpu = JvmThreadCpu.seconds("GC Thread", "G1 ") - gcCpuStart;
        double jitCpu = JvmThreadCpu.seconds("C1 CompilerThre", "C2 CompilerThre") - jitCpuStart;
        double gcPause = gcCollectionSeconds() - gcPauseStart;
        if (client != null) {
            client.join(5000);
        }
        return new Run(channelSamples, result.getNetRuntime(TimeUnit.MILLISECONDS) / 1e3, cpu, taskCpu,
                dashboardCpu, events.get(), taskAllocated, dashboardAllocated, allAllocated, gcCpu, gcPause, jitCpu,
                restCpu, clientCpu);
    }

    /**
     * Connects to {@code /events} as soon as the server is up and reads until the job ends, counting the events. It
     * stands for a browser, which runs in a process of its own: it probes the port with a plain socket every 50 ms
     * until the server is up (an HTTP request per attempt cost the process more CPU than the dashboard), then sends
     * one HTTP/1.1 GET on a raw socket and scans the bytes for {@code "event: "} at line starts, without decoding text.
     */
    private static void consume(int port, AtomicLong events) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (!listening(port)) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                Thread.sleep(50);
            }
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                byte[] pattern = "\nevent: ".getBytes(StandardCharsets.US_ASCII);
                byte[] buffer = new byte[1 << 16];
                int matched = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        matched = buffer[i] == pattern[matched] ? matched + 1 : buffer[i] == pattern[0] ? 1 : 0;
                        if (matched == pattern.length) {
                            events.incrementAndGet();
                            matched = 0;
                        }
                    }
                }
            }
        } catch (IOException | InterruptedException stopped) {
            // the job ended and closed the server, or the run is over
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A 64-channel 1 kHz float32 EEG stream: 10 Hz sines in noise. */
    private static Path writeRecording(Path file, int seconds) throws IOException {
        List<ChannelInfo> channels = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            channels.add(new ChannelInfo("E" + (c + 1), "microvolts", "EEG"));
        }
        StreamDescription d = new StreamDescription("eeg", "eeg64", "EEG", "bench-64", CHANNELS, RATE_HZ,
                ValueFormat.FLOAT32, channels);
        Random random = new Random(1);
        int n = 1000;
        try (XdfWriter w = XdfWriter.open(file)) {
            long id = w.addStream(d, "");
            for (int block = 0; block < seconds * RATE_HZ / n; block++) {
                double[] values = new double[CHANNELS * n];
                double[] t = new double[n];
                for (int s = 0; s < n; s++) {
                    t[s] = (block * n + s) / RATE_HZ;
                    for (int c = 0; c < CHANNELS; c++) {
                        values[c * n + s] = 20 * Math.sin(2 * Math.PI * 10 * t[s] + c) + 5 * random.nextGaussian();
                    }
                }
                w.writeSamples(id, SampleChunk.withTimestamps("eeg", CHANNELS, values, t, RATE_HZ));
            }
        }
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Accumulated collection time of every garbage collector of this JVM, s. */
    private static double gcCollectionSeconds() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms / 1e3;
    }

    /**
     * CPU time of the JVM's own native threads (GC workers, JIT compilers), which {@code ThreadMXBean} does not see,
     * read from {@code /proc/self/task/<tid>/stat} (Linux; 0 elsewhere).
     */
    private static final class JvmThreadCpu {
        private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

        private JvmThreadCpu() {
        }

        /** CPU seconds (user + system) of the native threads whose name starts with one of {@code prefixes}. */
        static double seconds(String... prefixes) {
            long ticks = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        int open = stat.indexOf('(');
                        int close = stat.lastIndexOf(')');
                        String name = stat.substring(open + 1, close);
                        boolean wanted = false;
                        for (String p : prefixes) {
                            wanted |= name.startsWith(p);
                        }
                        if (wanted) {
                            // fields after the name: state(3) ... utime(14) stime(15), counted from 1 with pid
                            String[] f = stat.substring(close + 2).split(" ");
                            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                    } catch (IOException | RuntimeException threadGone) {
                        // the thread ended between listing and reading
                    }
                }
            } catch (IOException noProc) {
                return 0;
            }
            return ticks / TICKS_PER_SECOND;
        }
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
