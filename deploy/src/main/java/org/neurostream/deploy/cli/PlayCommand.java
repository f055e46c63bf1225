package org.neurostream.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.xdf.XdfReadOptions;
import org.neurostream.streams.format.xdf.XdfReader;
import org.neurostream.streams.lsl.LslException;
import org.neurostream.streams.lsl.LslPlayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurostream play}: publishes a recording as live LSL outlets. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Publishes each stream of an XDF recording as a live LSL outlet with its original metadata "
                + "and timing (clock offsets applied, timestamps not dejittered), so pipelines can run without a "
                + "headset.")
final class PlayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.xdf", description = "The recording to play.")
    Path file;

    @Option(names = "--loop", description = "Start over at the end until Ctrl-C.")
    boolean loop;

    @Option(names = "--speed", defaultValue = "1.0", paramLabel = "X",
            description = "Play X times faster than recorded (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--name-prefix", defaultValue = "", paramLabel = "PREFIX",
            description = "Prepend PREFIX to every stream name and source id (to tell a replay from the device).")
    String namePrefix;

    @Option(names = "--wait-for-consumers", defaultValue = "0", paramLabel = "SECONDS",
            description = "Before playing, wait up to SECONDS for every stream to have a consumer (default: "
                    + "${DEFAULT-VALUE}, start at once).")
    double waitForConsumersSeconds;

    @Option(names = "--linger", defaultValue = "1.0", paramLabel = "SECONDS",
            description = "Keep the outlets open this long after the last sample, so consumers receive everything "
                    + "(default: ${DEFAULT-VALUE}).")
    double lingerSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!(speed > 0) || Double.isInfinite(speed)) {
            err.println("Invalid value for '--speed': it must be > 0, but got " + speed + ".");
            return 2;
        }
        Recording recording;
        try {
            recording = XdfReader.read(file, XdfReadOptions.defaults().withDejitterTimestamps(false));
        } catch (IOException e) {
            err.println("Cannot play " + file + ": " + e.getMessage());
            return 1;
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true), "neurostream-play-shutdown");
        try (LslPlayer player = LslPlayer.open(recording, namePrefix)) {
            for (RecordedStream s : recording.streams()) {
                err.println("publishing " + namePrefix + s.description().name() + " (" + s.description().type()
                        + ", " + s.description().channelCount() + " ch, " + s.sampleCount() + " samples)");
            }
            err.flush();
            if (waitForConsumersSeconds > 0
                    && !player.waitForConsumers(Duration.ofMillis(Math.round(waitForConsumersSeconds * 1000)))) {
                err.println("Not every stream had a consumer after " + waitForConsumersSeconds + " s; playing anyway.");
            }
            Runtime.getRuntime().addShutdownHook(hook);
            player.play(speed, loop, stop::get);
            Thread.sleep(Math.round(Math.max(0, lingerSeconds) * 1000));
            return 0;
        } catch (LslException | IllegalArgumentException e) {
            err.println("Cannot play " + file + ": " + e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // shutting down, or the hook was never added
            }
        }
    }
}
