package org.neurostream.deploy.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurostream.streams.lsl.Lsl;
import org.neurostream.streams.lsl.LslException;
import org.neurostream.streams.lsl.LslStreamInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurostream streams}: lists the LSL streams on the network. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Lists the Lab Streaming Layer (LSL) streams on the network: name, type, channels, rate, "
                + "format, source id and host.")
final class StreamsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--wait", defaultValue = "1.0", paramLabel = "SECONDS",
            description = "How long to wait for streams to answer, in seconds (default: ${DEFAULT-VALUE}).")
    double waitSeconds;

    @Option(names = "--stream", paramLabel = "SPEC",
            description = "Only streams matching SPEC: prop=value (for example type=EEG) or an XPath predicate.")
    String stream;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(waitSeconds >= 0)) {
            err.println("Invalid value for '--wait': it must be >= 0 seconds, but got " + waitSeconds + ".");
            return 2;
        }
        Duration wait = Duration.ofMillis(Math.round(waitSeconds * 1000));
        List<LslStreamInfo> found;
        try {
            found = stream == null ? Lsl.resolveAll(wait)
                    : Lsl.resolveByPredicate(StreamSpecs.toPredicate(stream), Integer.MAX_VALUE, wait);
        } catch (LslException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            if (found.isEmpty()) {
                err.println("No LSL streams found" + (stream == null ? "" : " matching " + stream) + " within "
                        + waitSeconds + " s.");
                return 0;
            }
            String format = "%-24s %-12s %8s %10s %-9s %-24s %s%n";
            out.printf(Locale.ROOT, format, "NAME", "TYPE", "CHANNELS", "RATE_HZ", "FORMAT", "SOURCE_ID", "HOST");
            found.sort(java.util.Comparator.comparing(LslStreamInfo::name).thenComparing(LslStreamInfo::type));
            for (LslStreamInfo info : found) {
                double rate = info.nominalRateHz();
                out.printf(Locale.ROOT, format, info.name(), info.type(), info.channelCount(),
                        rate == 0 ? "irregular" : String.format(Locale.ROOT, "%.3f", rate),
                        info.valueFormat().xdfName(), info.sourceId().isEmpty() ? "-" : info.sourceId(),
                        info.hostname());
            }
            out.flush();
            return 0;
        } finally {
            found.forEach(LslStreamInfo::close);
        }
    }
}
