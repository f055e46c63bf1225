package org.neurostream.bench.dashboard;

/**
 * One measured job. CPU in s, allocation in bytes: {@code task*} of the job's own threads, {@code dashboard*} of
 * the {@code neurostream-dashboard-*} threads, {@code allocatedBytes} of every Java thread; {@code gcCpuSeconds}
 * and {@code jitCpuSeconds} of the JVM's GC and compiler threads (from {@code /proc}), {@code gcPauseSeconds} the
 * collectors' accumulated collection time; {@code restCpuSeconds} of Flink's REST server threads and the JDK
 * HTTP client's (the backpressure probe's requests and Flink's answers); {@code clientCpuSeconds} of the thread
 * that stands for the browser; {@code sourceTaskCpuSeconds} of the source's task thread alone (part of the job's
 * threads: the thread the dashboard tap runs on, chained, without the fetcher that decodes the files).
 */
record JobMeasurement(long channelSamples, double netSeconds, double cpuSeconds, double taskCpuSeconds,
        double dashboardThreadSeconds, long eventsRead, long taskAllocatedBytes, long dashboardAllocatedBytes,
        long allocatedBytes, double gcCpuSeconds, double gcPauseSeconds, double jitCpuSeconds,
        double restCpuSeconds, double clientCpuSeconds, double sourceTaskCpuSeconds) {
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
                + jitCpuSeconds + " " + restCpuSeconds + " " + clientCpuSeconds + " " + sourceTaskCpuSeconds;
    }

    static JobMeasurement parse(String line) {
        String[] f = line.trim().split(" ");
        return new JobMeasurement(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]),
                Long.parseLong(f[7]), Long.parseLong(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]),
                Double.parseDouble(f[11]), Double.parseDouble(f[12]), Double.parseDouble(f[13]),
                Double.parseDouble(f[14]));
    }
}
