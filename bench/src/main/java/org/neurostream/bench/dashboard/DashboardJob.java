package org.neurostream.bench.dashboard;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.ToDoubleFunction;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.neurostream.bench.HarnessStats;
import org.neurostream.bench.ProcessCpu;
import org.neurostream.deploy.dashboard.DashboardInfo;
import org.neurostream.deploy.dashboard.DashboardOperator;
import org.neurostream.deploy.dashboard.DashboardOptions;
import org.neurostream.deploy.dashboard.Dashboards;
import org.neurostream.streams.flink.replay.ReplaySource;
import org.neurostream.streams.flink.replay.ReplayStreams;
import org.neurostream.streams.flink.replay.TimestampOrderedMerge;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.format.xdf.XdfWriter;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/**
 * The job both dashboard-overhead harnesses measure, and what they share around it: the generated recording, one
 * measured job ({@link #run}) with its per-thread CPU and allocation, the stand-in browser, and the cost table.
 *
 * <p>The job is the replay job's pipeline (replay source → timestamp-order merge → discarding sink) at unpaced speed
 * over copies of a 64-channel 1 kHz XDF recording; with the dashboard it also carries what {@code neurostream replay
 * --ui} attaches (tap chained to the source, dashboard operator with its HTTP/SSE server, the Flink REST backpressure
 * probe), while a client in the same process reads {@code /events} for the whole job.
 */
final class DashboardJob {
    static final int CHANNELS = 64;
    static final double RATE_HZ = 1000;
    /** The child's line with the CPU seconds and bytes of reading the recordings before the first job. */
    static final String PRE_JOB = "PREJOB ";

    private DashboardJob() {
    }

    /** The job's configuration, as the replay job sets it. */
    static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /**
     * Whether the dashboard asks Flink's REST API for backpressure; {@code -Dneurostream.bench.backpressureProbe=false}
     * leaves the probe out (to measure what it costs).
     */
    static boolean probeEnabled() {
        return Boolean.parseBoolean(System.getProperty("neurostream.bench.backpressureProbe", "true"));
    }

    /**
     * A diagnostic for one JVM ({@code --files DIR}, the child's mode, which prints one {@code JOB} line per job):
     * {@code -Dneurostream.bench.only=on} or {@code =off} runs every job of the JVM with the dashboard on, or off,
     * instead of alternating, to see what the alternation itself costs (the JIT recompiling code whose type profiles
     * the two job graphs keep changing). Null (alternate) when unset.
     */
    static Boolean onlyVariant() {
        String only = System.getProperty("neurostream.bench.only");
        if (only == null) {
            return null;
        }
        if (!only.equals("on") && !only.equals("off")) {
            throw new IllegalArgumentException("-Dneurostream.bench.only must be 'on' or 'off', not '" + only + "'.");
        }
        return only.equals("on");
    }

    /**
     * Writes the generated recording into {@code dir} and links it under {@code copies} names of their own; returns
     * the directory of the links. Each copy has a name of its own, so each is a stream of its own (stream keys come
     * from file names); copies listed under one name would share a stream key and look to the tap like one stream
     * whose timestamps jump back at every chunk.
     */
    static Path writeCopies(Path dir, int seconds, int copies) throws IOException {
        Path xdf = writeRecording(dir.resolve("eeg64x1k.xdf"), seconds);
        Path links = Files.createDirectory(dir.resolve("copies"));
        for (int i = 0; i < copies; i++) {
            Files.createLink(links.resolve(String.format(Locale.ROOT, "eeg64x1k-%03d.xdf", i)), xdf);
        }
        return links;
    }

    /** The copies in {@code dir}, sorted. */
    static List<Path> listCopies(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Channel-samples one job replays: every copy in full. */
    static long channelSamples(int seconds, int copies) {
        return (long) CHANNELS * seconds * (long) RATE_HZ * copies;
    }

    /**
     * What {@code neurostream replay --ui} reads before its job starts (each stream's description and last
     * timestamp): once per run of the command, not part of the job's throughput, so read once per JVM; its CPU
     * seconds and allocated bytes go to stdout as a {@link #PRE_JOB} line.
     */
    static Dashboards.Recorded readRecordedOnce(List<Path> files) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        Dashboards.Recorded recorded = Dashboards.recorded(files);
        System.out.printf(Locale.ROOT, "%s %.3f %d%n", PRE_JOB, (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9,
                threads.getCurrentThreadAllocatedBytes() - allocatedBefore);
        return recorded;
    }

    /** Prints a child's {@link #PRE_JOB} line for the reader. */
    static void printPreJob(String line) {
        String[] f = line.substring(PRE_JOB.length()).trim().split(" ");
        System.out.printf(Locale.ROOT, "         before its first job the JVM read the recordings for the dashboard "
                + "(once per run of replay --ui): %s CPU-s, %.0f MB allocated%n", f[0], Long.parseLong(f[1]) / 1e6);
    }

    /**
     * Builds and runs one job on {@code env}; with the dashboard ({@code recorded} not null), a client reads
     * {@code /events} while it runs.
     *
     * @param env     a fresh environment for this job, configured with {@link #configuration()}
     * @param restUrl the REST address of the Flink that runs {@code env}'s job, for the backpressure probe; null
     *                leaves the probe out
     */
    static JobMeasurement run(StreamExecutionEnvironment env, String restUrl, List<Path> files, int chunk,
            Dashboards.Recorded recorded, long channelSamples) throws Exception {
        boolean dashboard = recorded != null;
        int port = freePort();
        ReplaySource source = ReplaySource.builder().files(files).chunkSamples(chunk).build();
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
        double cpuStart = ProcessCpu.seconds();
        double gcCpuStart = JvmThreadCpu.seconds("GC Thread", "G1 ");
        double jitCpuStart = JvmThreadCpu.seconds("C1 CompilerThre", "C2 CompilerThre");
        double gcPauseStart = gcCollectionSeconds();
        JobExecutionResult result;
        double taskCpu;
        double sourceTaskCpu;
        double dashboardCpu;
        long taskAllocated;
        long dashboardAllocated;
        long allAllocated;
        double restCpu;
        double clientCpu;
        try (ThreadCpu threads = new ThreadCpu()) {
            result = env.execute("dashboard overhead " + (dashboard ? "on" : "off"));
            taskCpu = threads.seconds("Source: replay", "Source Data Fetcher");
            sourceTaskCpu = threads.seconds("Source: replay");
            dashboardCpu = threads.seconds("neurostream-dashboard");
            taskAllocated = threads.allocatedBytes("Source: replay", "Source Data Fetcher");
            dashboardAllocated = threads.allocatedBytes("neurostream-dashboard");
            allAllocated = threads.allocatedBytes("");
            restCpu = threads.seconds("Flink-DispatcherRestEndpoint", "flink-rest-", "HttpClient-");
            clientCpu = threads.seconds("dashboard-client");
        }
        double cpu = ProcessCpu.seconds() - cpuStart;
        double gcCpu = JvmThreadCpu.seconds("GC Thread", "G1 ") - gcCpuStart;
        double jitCpu = JvmThreadCpu.seconds("C1 CompilerThre", "C2 CompilerThre") - jitCpuStart;
        double gcPause = gcCollectionSeconds() - gcPauseStart;
        if (client != null) {
            client.join(5000);
        }
        return new JobMeasurement(channelSamples, result.getNetRuntime(TimeUnit.MILLISECONDS) / 1e3, cpu, taskCpu,
                dashboardCpu, events.get(), taskAllocated, dashboardAllocated, allAllocated, gcCpu, gcPause, jitCpu,
                restCpu, clientCpu, sourceTaskCpu);
    }

    /** Prints the per-job cost table: medians of {@code off} and {@code on}, and their difference. */
    static void printCosts(List<JobMeasurement> off, List<JobMeasurement> on) {
        System.out.printf(Locale.ROOT, "| per job | off | on | on - off |%n|---|---:|---:|---:|%n");
        costRow("net runtime, s", off, on, JobMeasurement::netSeconds, 1, "%.2f");
        costRow("process CPU, s", off, on, JobMeasurement::cpuSeconds, 1, "%.2f");
        costRow("job threads CPU, s", off, on, JobMeasurement::taskCpuSeconds, 1, "%.2f");
        costRow("of which the source task thread (tap, merge, sink), s", off, on,
                JobMeasurement::sourceTaskCpuSeconds, 1, "%.3f");
        costRow("dashboard threads CPU, s", off, on, JobMeasurement::dashboardThreadSeconds, 1, "%.3f");
        costRow("GC threads CPU, s", off, on, JobMeasurement::gcCpuSeconds, 1, "%.2f");
        costRow("GC collection time, s", off, on, JobMeasurement::gcPauseSeconds, 1, "%.3f");
        costRow("JIT threads CPU, s", off, on, JobMeasurement::jitCpuSeconds, 1, "%.2f");
        costRow("Flink REST + HTTP client threads CPU, s", off, on, JobMeasurement::restCpuSeconds, 1, "%.3f");
        costRow("stand-in browser thread CPU, s", off, on, JobMeasurement::clientCpuSeconds, 1, "%.3f");
        costRow("allocated by job threads, MB", off, on, JobMeasurement::taskAllocatedBytes, 1e6, "%.1f");
        costRow("allocated by dashboard threads, MB", off, on, JobMeasurement::dashboardAllocatedBytes, 1e6, "%.1f");
        costRow("allocated by all Java threads, MB", off, on, JobMeasurement::allocatedBytes, 1e6, "%.1f");
        costRow("events read by the client", off, on, JobMeasurement::eventsRead, 1, "%.0f");
    }

    private static void costRow(String what, List<JobMeasurement> off, List<JobMeasurement> on,
            ToDoubleFunction<JobMeasurement> f, double unit, String format) {
        double a = HarnessStats.median(off, f) / unit;
        double b = HarnessStats.median(on, f) / unit;
        System.out.printf(Locale.ROOT, "| %s | " + format + " | " + format + " | " + format + " |%n", what, a, b,
                b - a);
    }

    /** Deletes {@code dir} and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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
}
