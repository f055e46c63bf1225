package org.neurostream.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this process, the baseline-free cost figure every end-to-end harness reports beside wall clock. */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /** CPU time of this process in seconds, all threads (tasks, JIT, GC). */
    public static double seconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
