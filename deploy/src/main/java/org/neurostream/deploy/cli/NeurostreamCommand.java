package org.neurostream.deploy.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code neurostream} command line: one picocli command per task, each with {@code --help}.
 *
 * <p>Logging is quiet by default (warnings only); {@code --verbose} turns on neurostream's and Flink's info logs.
 */
@Command(
        name = "neurostream",
        mixinStandardHelpOptions = true,
        versionProvider = NeurostreamCommand.Version.class,
        description = "Runs brain-computer-interface and neuromorphic vision pipelines as Apache Flink jobs.",
        subcommands = {InspectCommand.class, ReplayCommand.class, RunCommand.class, CalibrateCommand.class, StreamsCommand.class, RecordCommand.class, PlayCommand.class, VideoCommand.class, ClusterCommand.class, CommandLine.HelpCommand.class})
public final class NeurostreamCommand {

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Log neurostream's and Flink's progress (info level) to standard error.")
    void setVerbose(boolean verbose) {
        if (verbose) {
            Configurator.setLevel("org.neurostream", Level.INFO);
            Configurator.setRootLevel(Level.INFO);
        }
    }

    /** Builds the command line with every subcommand. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NeurostreamCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Reports the version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NeurostreamCommand.class.getPackage().getImplementationVersion();
            return new String[] {"neurostream " + (v == null ? "development" : v)};
        }
    }
}
