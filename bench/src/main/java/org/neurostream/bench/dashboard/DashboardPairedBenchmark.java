package org.neurostream.bench.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.neurostream.bench.HarnessOptions;
import org.neurostream.bench.HarnessStats;
import org.neurostream.bench.PairedRatios;
import org.neurostream.bench.SharedMiniCluster;
import org.neurostream.deploy.dashboard.Dashboards;

/**
 * What the live dashboard costs a job, measured in pairs: the job of {@link DashboardJob} without and with the
 * dashboard (a client reading {@code /events} the whole job), run back to back on ONE MiniCluster that each JVM
 * starts once and keeps for all its jobs.
 *
 * <p>Why: between fresh JVMs the job's throughput spreads by ±15–25 % (the JIT's and GC's choices), far more than a
 * few per cent of dashboard; and a MiniCluster per job loads Flink's RPC system afresh each time, so the JIT compiles
 * it again in every job, more so with the dashboard's REST traffic ({@link DashboardOverheadBenchmark} shows both).
 * Here both variants share one JVM and one cluster: after warm-up pairs of both variants, the measured pairs run in
 * ABBA order (on-off, off-on, on-off, ...), so drifting load and heap state favour neither. Each pair gives the ratios
 * on/off of throughput per second of net runtime (wall clock), per CPU-second of the job's threads and per
 * CPU-second of the process; the result is their median with a 95 % bootstrap interval ({@link PairedRatios}), per
 * JVM and over all pairs. Several JVMs in a row show the JVM-to-JVM spread of the ratio itself. A full GC runs before
 * every job, so each starts from a collected heap.
 *
 * <p>Each "on" job serves the dashboard on a port of its own and asks the shared cluster's REST API for
 * backpressure, as {@code neurostream replay --ui} asks its embedded Flink. The recordings are read for the dashboard
 * once per JVM ({@code replay --ui} does it once per run) and reported apart.
 *
 * <p>Usage: {@code DashboardPairedBenchmark [--seconds S] [--copies K] [--pairs P] [--warm-up-pairs W] [--jvms J]
 * [--chunk-samples N] [--recordings DIR] [--design alternating|jvm-pairs]}: the generated recording (XDF) holds S
 * seconds (default 120) and is listed K times (default 20); each of J JVMs (default 3) runs W warm-up pairs (default
 * 3) and P measured pairs (default 12). With {@code --recordings DIR} the files of DIR (64 ch × 1 kHz, S seconds
 * each, e.g. EDF files written by {@code test-data/scripts/edf_long.py}) are replayed instead of the generated XDF
 * copies.
 *
 * <p>{@code --design jvm-pairs} pairs JVMs instead of jobs: J pairs of JVMs in ABBA order, one JVM running every job
 * with the dashboard, the other every job without, each 2W warm-up and 2P measured jobs; a pair's ratio is that of
 * the two JVMs' median rates. Why: alternating the two job graphs in one JVM makes the JIT recompile code whose type
 * profiles the variants keep changing, which costs the "on" jobs of short runs more than the dashboard does (0.1–0.3
 * CPU-s per job); a JVM of one variant compiles as a deployment of it would. The price is the JVM-to-JVM spread,
 * which only more pairs narrow.
 */
public final class DashboardPairedBenchmark {
    private static final String JOB = "JOB ";
    private static final long BOOTSTRAP_SEED = 20261129L;
    private static final double CONFIDENCE = 0.95;

    private DashboardPairedBenchmark() {
    }

    /** The measured jobs of one JVM, pair by pair: {@code on.get(i)} and {@code off.get(i)} ran back to back. */
    private record JvmPairs(List<JobMeasurement> on, List<JobMeasurement> off) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = HarnessOptions.positiveInt(args, "--seconds", 120);
        int copies = HarnessOptions.positiveInt(args, "--copies", 20);
        int pairs = HarnessOptions.positiveInt(args, "--pairs", 12);
        int warmUpPairs = HarnessOptions.positiveInt(args, "--warm-up-pairs", 3);
        int jvms = HarnessOptions.positiveInt(args, "--jvms", 3);
        int chunk = HarnessOptions.positiveInt(args, "--chunk-samples", 1000);
        String files = HarnessOptions.text(args, "--files", null);
        if (files != null) {
            runPairs(Path.of(files), chunk, seconds, warmUpPairs, pairs);
            return;
        }
        String design = HarnessOptions.text(args, "--design", "alternating");
        if (!design.equals("alternating") && !design.equals("jvm-pairs")) {
            throw new IllegalArgumentException("--design must be 'alternating' or 'jvm-pairs', not '" + design + "'.");
        }
        String recordings = HarnessOptions.text(args, "--recordings", null);
        Path dir = Files.createTempDirectory("neurostream-dashboard-paired");
        Path links = recordings == null ? DashboardJob.writeCopies(dir, seconds, copies) : Path.of(recordings);
        if (recordings != null) {
            copies = DashboardJob.listCopies(links).size();
        }
        System.out.printf(Locale.ROOT, "%d ch x %.0f Hz, %d s listed %d times (%,d channel-samples per job), chunks "
                        + "of %d; %d JVMs in a row, each with one MiniCluster for all its jobs: %d warm-up pairs, "
                        + "then %d measured pairs in ABBA order; %d cores, Java %s, %s%n", DashboardJob.CHANNELS,
                DashboardJob.RATE_HZ, seconds, copies, DashboardJob.channelSamples(seconds, copies), chunk, jvms,
                warmUpPairs, pairs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (design.equals("jvm-pairs")) {
            reportJvmPairs(runJvmPairs(jvms, dir, links, chunk, seconds, warmUpPairs, pairs));
        } else {
            List<JvmPairs> results = new ArrayList<>();
            for (int jvm = 1; jvm <= jvms; jvm++) {
                results.add(runJvm(jvm, dir, links, chunk, seconds, warmUpPairs, pairs));
            }
            report(results);
        }
        DashboardJob.deleteTree(dir);
    }

    /**
     * {@code jvmPairs} pairs of one-variant JVMs in ABBA order (on-off, off-on, ...): {@code on.get(i)} and {@code
     * off.get(i)} hold the measured jobs of the two JVMs of pair i.
     */
    private static JvmPairs runJvmPairs(int jvmPairs, Path dir, Path links, int chunk, int seconds, int warmUpPairs,
            int pairs) throws Exception {
        List<List<JobMeasurement>> onJvms = new ArrayList<>();
        List<List<JobMeasurement>> offJvms = new ArrayList<>();
        int jvm = 0;
        for (int i = 0; i < jvmPairs; i++) {
            boolean onFirst = i % 2 == 0;
            for (boolean on : new boolean[] {onFirst, !onFirst}) {
                List<JobMeasurement> jobs = new ArrayList<>();
                List<JobMeasurement> others = new ArrayList<>();
                runChild(++jvm, dir, links, chunk, seconds, warmUpPairs, pairs, on ? "on" : "off", on ? jobs : others,
                        on ? others : jobs, 2 * pairs);
                (on ? onJvms : offJvms).add(jobs);
                System.out.printf(Locale.ROOT, "JVM %d (pair %d, dashboard %s): %d jobs, median net %.3f s, "
                                + "dashboard threads %.3f CPU-s, JIT %.2f CPU-s per job%n", jvm, i + 1, on ? "on" : "off",
                        jobs.size(), HarnessStats.median(jobs, JobMeasurement::netSeconds),
                        HarnessStats.median(jobs, JobMeasurement::dashboardThreadSeconds),
                        HarnessStats.median(jobs, JobMeasurement::jitCpuSeconds));
            }
        }
        List<JobMeasurement> on = new ArrayList<>();
        List<JobMeasurement> off = new ArrayList<>();
        for (int i = 0; i < jvmPairs; i++) {
            on.add(medianJob(onJvms.get(i)));
            off.add(medianJob(offJvms.get(i)));
        }
        return new JvmPairs(on, off);
    }

    /** A JVM's jobs summarized as one: the median of every measurement (each taken on its own). */
    private static JobMeasurement medianJob(List<JobMeasurement> jobs) {
        return new JobMeasurement(jobs.get(0).channelSamples(),
                HarnessStats.median(jobs, JobMeasurement::netSeconds),
                HarnessStats.median(jobs, JobMeasurement::cpuSeconds),
                HarnessStats.median(jobs, JobMeasurement::taskCpuSeconds),
                HarnessStats.median(jobs, JobMeasurement::dashboardThreadSeconds),
                (long) HarnessStats.median(jobs, JobMeasurement::eventsRead),
                (long) HarnessStats.median(jobs, JobMeasurement::taskAllocatedBytes),
                (long) HarnessStats.median(jobs, JobMeasurement::dashboardAllocatedBytes),
                (long) HarnessStats.median(jobs, JobMeasurement::allocatedBytes),
                HarnessStats.median(jobs, JobMeasurement::gcCpuSeconds),
                HarnessStats.median(jobs, JobMeasurement::gcPauseSeconds),
                HarnessStats.median(jobs, JobMeasurement::jitCpuSeconds),
                HarnessStats.median(jobs, JobMeasurement::restCpuSeconds),
                HarnessStats.median(jobs, JobMeasurement::clientCpuSeconds),
                HarnessStats.median(jobs, JobMeasurement::sourceTaskCpuSeconds));
    }

    private static void reportJvmPairs(JvmPairs pairs) {
        printRatioHeader("the JVM pairs' on/off ratios of their median jobs", "JVMs");
        row("pairs", pairs.on(), pairs.off());
        System.out.println();
        System.out.printf(Locale.ROOT, "Per job (medians over the JVMs' median jobs of each variant):%n");
        DashboardJob.printCosts(pairs.off(), pairs.on());
    }

    /** Runs one JVM's pairs in a child process and collects its measured jobs, printing each pair as it ends. */
    private static JvmPairs runJvm(int jvm, Path dir, Path links, int chunk, int seconds, int warmUpPairs, int pairs)
            throws Exception {
        List<JobMeasurement> on = new ArrayList<>();
        List<JobMeasurement> off = new ArrayList<>();
        runChild(jvm, dir, links, chunk, seconds, warmUpPairs, pairs, null, on, off, pairs);
        return new JvmPairs(on, off);
    }

    /**
     * Runs one child JVM ({@code only}: "on" or "off" for one variant, null to alternate), collecting its measured
     * jobs into {@code on} and {@code off}; it must measure {@code perVariant} jobs of each variant it runs.
     */
    private static void runChild(int jvm, Path dir, Path links, int chunk, int seconds, int warmUpPairs, int pairs,
            String only, List<JobMeasurement> on, List<JobMeasurement> off, int perVariant) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (only == null) {
            command.addAll(jvmArguments);
        } else {
            command.addAll(jvmArguments.stream().filter(a -> !a.startsWith("-Dneurostream.bench.only=")).toList());
            command.add("-Dneurostream.bench.only=" + only);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DashboardPairedBenchmark.class.getName(),
                "--files", links.toString(), "--chunk-samples", Integer.toString(chunk), "--seconds",
                Integer.toString(seconds), "--warm-up-pairs", Integer.toString(warmUpPairs), "--pairs",
                Integer.toString(pairs)));
        Path errors = dir.resolve("jvm-" + jvm + ".err");
        Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(DashboardJob.PRE_JOB)) {
                    DashboardJob.printPreJob(line);
                } else if (line.startsWith(JOB)) {
                    String[] f = line.substring(JOB.length()).split(" ", 2);
                    (f[0].equals("on") ? on : off).add(JobMeasurement.parse(f[1]));
                    if (only == null && on.size() == off.size()) {
                        printPair(jvm, on.size(), on.get(on.size() - 1), off.get(off.size() - 1), f[0]);
                    }
                }
            }
        }
        int status = child.waitFor();
        boolean complete = only == null ? on.size() == perVariant && off.size() == perVariant
                : (only.equals("on") ? on : off).size() == perVariant;
        if (status != 0 || !complete) {
            throw new IllegalStateException("JVM " + jvm + " exited with " + status + " after " + on.size() + " on and "
                    + off.size() + " off jobs (" + perVariant + " expected per variant); its stderr is in " + errors
                    + ":\n" + tail(errors));
        }
    }

    private static void printPair(int jvm, int pair, JobMeasurement on, JobMeasurement off, String second) {
        System.out.printf(Locale.ROOT, "JVM %d pair %-2d (%s first) net %.2f s off, %.2f s on | on/off: wall clock "
                        + "%.3f, job threads %.3f, process %.3f | dashboard threads %.3f CPU-s, %d events read | JIT "
                        + "%.2f/%.2f, GC %.2f/%.2f CPU-s off/on%n", jvm, pair, second.equals("on") ? "off" : "on",
                off.netSeconds(), on.netSeconds(), on.rate() / off.rate(), on.taskCpuRate() / off.taskCpuRate(),
                on.cpuRate() / off.cpuRate(), on.dashboardThreadSeconds(), on.eventsRead(), off.jitCpuSeconds(),
                on.jitCpuSeconds(), off.gcCpuSeconds(), on.gcCpuSeconds());
    }

    private static void report(List<JvmPairs> results) {
        printRatioHeader("the paired on/off ratios", "JVM");
        List<JobMeasurement> allOn = new ArrayList<>();
        List<JobMeasurement> allOff = new ArrayList<>();
        double[] jvmWall = new double[results.size()];
        double[] jvmOffRate = new double[results.size()];
        for (int j = 0; j < results.size(); j++) {
            JvmPairs r = results.get(j);
            allOn.addAll(r.on());
            allOff.addAll(r.off());
            jvmWall[j] = ratios(r.on(), r.off(), JobMeasurement::rate).median();
            jvmOffRate[j] = HarnessStats.median(r.off(), JobMeasurement::rate);
            row(Integer.toString(j + 1), r.on(), r.off());
        }
        row("all", allOn, allOff);
        System.out.println();
        System.out.printf(Locale.ROOT, "JVM to JVM: median wall-clock ratio %.3f to %.3f; the off jobs' median rate "
                        + "%,.0f to %,.0f channel-samples/s (%.1f %% apart)%n", min(jvmWall), max(jvmWall),
                min(jvmOffRate), max(jvmOffRate), 100 * (max(jvmOffRate) / min(jvmOffRate) - 1));
        System.out.println();
        System.out.printf(Locale.ROOT, "Per job (medians over all measured jobs of each variant):%n");
        DashboardJob.printCosts(allOff, allOn);
    }

    /** The title and header of a table of {@link #row}s: the median of {@code what}, rows named in column one. */
    private static void printRatioHeader(String what, String firstColumn) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Median of %s [%.0f %% bootstrap interval] (pairs with the ratio below 1):%n%n",
                what, CONFIDENCE * 100);
        System.out.println("| " + firstColumn + " | pairs | wall clock | per CPU-s of the job's threads | per CPU-s of "
                + "the process | off: channel-samples/s of net runtime (median) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
    }

    private static void row(String name, List<JobMeasurement> on, List<JobMeasurement> off) {
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %,.0f |%n", name, on.size(),
                cell(ratios(on, off, JobMeasurement::rate)), cell(ratios(on, off, JobMeasurement::taskCpuRate)),
                cell(ratios(on, off, JobMeasurement::cpuRate)), HarnessStats.median(off, JobMeasurement::rate));
    }

    private static String cell(PairedRatios r) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%d)", r.median(), r.lower(), r.upper(), r.below());
    }

    private static PairedRatios ratios(List<JobMeasurement> on, List<JobMeasurement> off,
            ToDoubleFunction<JobMeasurement> f) {
        return PairedRatios.of(on.stream().mapToDouble(f).toArray(), off.stream().mapToDouble(f).toArray(),
                CONFIDENCE, BOOTSTRAP_SEED);
    }

    /**
     * The child JVM: one MiniCluster for all its jobs; {@code warmUpPairs} unmeasured pairs, then {@code pairs}
     * measured ones in ABBA order, each job printed as a {@link #JOB} line with its variant.
     */
    private static void runPairs(Path dir, int chunk, int seconds, int warmUpPairs, int pairs) throws Exception {
        List<Path> links = DashboardJob.listCopies(dir);
        long channelSamples = DashboardJob.channelSamples(seconds, links.size());
        Dashboards.Recorded recorded = DashboardJob.readRecordedOnce(links);
        Boolean only = DashboardJob.onlyVariant();
        try (SharedMiniCluster cluster = SharedMiniCluster.start(1)) {
            for (int i = 0; i < warmUpPairs + pairs; i++) {
                boolean onFirst = i % 2 == 0;
                for (boolean alternate : new boolean[] {onFirst, !onFirst}) {
                    boolean dashboard = only == null ? alternate : only;
                    System.gc();
                    String restUrl = dashboard && DashboardJob.probeEnabled() ? cluster.restUrl() : null;
                    JobMeasurement m = DashboardJob.run(cluster.environment(DashboardJob.configuration(), 1), restUrl,
                            links, chunk, dashboard ? recorded : null, channelSamples);
                    if (i >= warmUpPairs) {
                        System.out.println(JOB + (dashboard ? "on " : "off ") + m.line());
                    }
                }
            }
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(could not read it: " + e.getMessage() + ")";
        }
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow();
    }
}
