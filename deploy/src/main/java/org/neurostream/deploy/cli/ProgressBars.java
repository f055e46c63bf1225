package org.neurostream.deploy.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one way the CLI shows progress of long work, on standard error.
 *
 * <p>On a terminal the bar redraws in place. When standard error is not a terminal (a log file, CI, a pipe) a redrawn
 * bar would fill the log with carriage returns and escape codes, so it prints a plain line every
 * {@link #PLAIN_INTERVAL_MILLIS} ms instead.
 */
final class ProgressBars {
    /** How often a non-terminal gets a progress line, in milliseconds. */
    static final int PLAIN_INTERVAL_MILLIS = 5_000;

    private ProgressBars() {}

    /** A started bar for {@code task} counting to {@code max}; {@code unit} is appended to counts ("" for none). */
    static ProgressBar start(String task, long max, String unit) {
        return start(task, max, unit, System.console() != null, System.err);
    }

    static ProgressBar start(String task, long max, String unit, boolean terminal, PrintStream err) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate();
        if (!unit.isEmpty()) {
            builder.setUnit(unit, 1);
        }
        if (terminal) {
            builder.setConsumer(new ConsoleProgressBarConsumer(err));
        } else {
            builder.setUpdateIntervalMillis(PLAIN_INTERVAL_MILLIS)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> err.println(line.strip())));
        }
        return builder.build();
    }
}
