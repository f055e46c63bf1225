package org.neurostream.bench.dashboard;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Samples the CPU time of every Java thread while a job runs and sums it by role: the job's own threads (the
 * source task thread, "Source: replay -> ...", on which the merge, the sink and, when on, the dashboard tap and
 * operator run chained; and the source's split fetcher, "Source Data Fetcher ...", which decodes the file), the
 * dashboard's server threads, and the rest (Flink's REST server and RPC, the test client). JIT and GC threads are
 * not Java threads: they show in the process total only.
 */
final class ThreadCpu implements AutoCloseable {
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
