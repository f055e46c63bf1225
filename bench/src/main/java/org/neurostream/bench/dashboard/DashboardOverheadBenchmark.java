package org.neurostream.bench.dashboard;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.bench.HarnessOptions;
import org.neurostream.bench.HarnessStats;
import org.neurostream.deploy.dashboard.Dashboards;

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
 * fresh JVMs, and the rounds' spread shows that variance. Every job starts a MiniCluster of its own, as
 * {@code neurostream replay} does once per run. Between fresh JVMs throughput spreads by more than the dashboard's
 * cost; {@link DashboardPairedBenchmark} (one MiniCluster per JVM, on and off jobs paired in it) is the harness that
 * can resolve a few per cent.
 *
 * <p>Usage: {@code DashboardOverheadBenchmark [--seconds S] [--copies K] [--rounds R] [--chunk-samples N]}: the
 * generated recording holds S seconds (default 60) and is listed K times (default 10).
 */
public final class DashboardOverheadBenchmark {

    private DashboardOverheadBenchmark() {
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
        Path links = DashboardJob.writeCopies(dir, seconds, copies);
        long channelSamples = DashboardJob.channelSamples(seconds, copies);
        System.out.printf(Locale.ROOT, "%d ch x %.0f Hz, %d s listed %d times (%,d channel-samples per job), chunks "
                        + "of %d, %d rounds, each variant of a round in a JVM of its own (2 warm-up jobs, then the "
                        + "median of 3 measured ones), %d cores, Java %s%n", DashboardJob.CHANNELS,
                DashboardJob.RATE_HZ, seconds, copies, channelSamples, chunk, rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<JobMeasurement> off = new ArrayList<>();
        List<JobMeasurement> on = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // alternate the order so that drifting machine load does not favour one variant
            boolean onFirst = round % 2 == 0;
            JobMeasurement a = runInOwnJvm(links, chunk, onFirst, seconds);
            JobMeasurement b = runInOwnJvm(links, chunk, !onFirst, seconds);
            JobMeasurement withDashboard = onFirst ? a : b;
            JobMeasurement without = onFirst ? b : a;
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
        double offRate = HarnessStats.median(off, JobMeasurement::rate);
        double onRate = HarnessStats.median(on, JobMeasurement::rate);
        double offCpu = HarnessStats.median(off, JobMeasurement::cpuRate);
        double onCpu = HarnessStats.median(on, JobMeasurement::cpuRate);
        double offTask = HarnessStats.median(off, JobMeasurement::taskCpuRate);
        double onTask = HarnessStats.median(on, JobMeasurement::taskCpuRate);
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
        DashboardJob.printCosts(off, on);
        DashboardJob.deleteTree(dir);
    }

    /**
     * One variant in a JVM of its own, so that the JIT compiles each variant's code for that variant alone (with both
     * in one JVM, code shared by the two jobs is compiled for whichever ran first and deoptimized by the other).
     */
    private static JobMeasurement runInOwnJvm(Path files, int chunk, boolean dashboard, int seconds) throws Exception {
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
                } else if (line.startsWith(DashboardJob.PRE_JOB)) {
                    DashboardJob.printPreJob(line);
                }
            }
        }
        if (child.waitFor() != 0 || result == null) {
            throw new IllegalStateException("The " + (dashboard ? "on" : "off") + " variant's JVM exited with "
                    + child.exitValue() + " and no result line: " + command);
        }
        return JobMeasurement.parse(result.substring(RESULT.length()));
    }

    private static final String RESULT = "RESULT ";
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
        List<Path> links = DashboardJob.listCopies(dir);
        long channelSamples = DashboardJob.channelSamples(seconds, links.size());
        boolean dashboard = variant.equals("on");
        Dashboards.Recorded recorded = dashboard ? DashboardJob.readRecordedOnce(links) : null;
        for (int i = 0; i < WARM_UP_JOBS; i++) {
            run(links, chunk, recorded, channelSamples);
        }
        List<JobMeasurement> measured = new ArrayList<>();
        for (int i = 0; i < MEASURED_JOBS; i++) {
            measured.add(run(links, chunk, recorded, channelSamples));
        }
        // the job of median throughput stands for this JVM
        JobMeasurement r = measured.stream().sorted(java.util.Comparator.comparingDouble(JobMeasurement::rate))
                .toList().get(MEASURED_JOBS / 2);
        System.out.println(RESULT + r.line());
    }

    /** One job on a MiniCluster of its own ({@code createLocalEnvironment}), as {@code neurostream replay} runs it. */
    private static JobMeasurement run(List<Path> files, int chunk, Dashboards.Recorded recorded, long channelSamples)
            throws Exception {
        Configuration conf = DashboardJob.configuration();
        String restUrl = recorded != null && DashboardJob.probeEnabled() ? Dashboards.embeddedRestUrl(conf) : null;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        return DashboardJob.run(env, restUrl, files, chunk, recorded, channelSamples);
    }
}
