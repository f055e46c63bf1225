package org.neurostream.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.neurostream.streams.lsl.LslException;
import org.neurostream.streams.lsl.LslRecorder;
import org.neurostream.streams.record.StreamDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurostream record}: records LSL streams to XDF, LabRecorder-style. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Records LSL streams, with clock offsets, to an XDF file. Stops after --duration or on Ctrl-C "
                + "and finalizes the file (stream footers) either way.")
final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--stream", required = true, paramLabel = "SPEC",
            description = "Streams to record: prop=value (for example type=EEG) or an XPath predicate; repeatable. "
                    + "Each must match at least one stream.")
    List<String> streams;

    @Option(names = "--out", required = true, paramLabel = "FILE.xdf", description = "The XDF file to create.")
    Path out;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: until Ctrl-C).")
    Double durationSeconds;

    @Option(names = "--resolve-wait", defaultValue = "2.0", paramLabel = "SECONDS",
            description = "How long to look for the streams before recording starts (default: ${DEFAULT-VALUE}).")
    double resolveWaitSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (durationSeconds != null && !(durationSeconds > 0)) {
            err.println("Invalid value for '--duration': it must be > 0 seconds, but got " + durationSeconds + ".");
            return 2;
        }
        LslRecorder recorder;
        try {
            recorder = LslRecorder.start(streams.stream().map(StreamSpecs::toPredicate).toList(), out,
                    Duration.ofMillis(Math.round(resolveWaitSeconds * 1000)));
        } catch (IOException | LslException | IllegalArgumentException e) {
            err.println("Cannot record to " + out + ": " + e.getMessage());
            return 1;
        }
        for (StreamDescription d : recorder.streams()) {
            err.println("recording " + d.name() + " (" + d.type() + ", " + d.channelCount() + " ch, "
                    + (d.isIrregular() ? "irregular" : d.nominalRateHz() + " Hz") + ")");
        }
        err.flush();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "neurostream-record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (durationSeconds == null) {
                stop.await();
            } else {
                stop.await(Math.round(durationSeconds * 1000), TimeUnit.MILLISECONDS);
            }
            recorder.close();
            err.println("recorded " + recorder.samplesRecorded() + " samples from " + recorder.streams().size()
                    + " streams to " + out);
            return 0;
        } catch (IOException e) {
            err.println("Recording to " + out + " failed: " + e.getMessage());
            return 1;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns as soon as `finished` is counted down
            }
        }
    }
}
