package org.neurostream.bench.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the JVM's own native threads (GC workers, JIT compilers), which {@code ThreadMXBean} does not see,
 * read from {@code /proc/self/task/<tid>/stat} (Linux; 0 elsewhere).
 */
final class JvmThreadCpu {
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
