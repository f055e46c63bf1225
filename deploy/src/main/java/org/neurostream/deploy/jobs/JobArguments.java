package org.neurostream.deploy.jobs;

import picocli.CommandLine;

/** Parses an entry point's arguments into its picocli-annotated options object. */
final class JobArguments {
    private JobArguments() {}

    /**
     * Fills {@code options} from {@code args}.
     *
     * @throws IllegalArgumentException naming the entry point and the problem, followed by its usage (on a cluster
     *     the message reaches the submitter through the REST API's error response)
     */
    static <T> T parse(T options, String entryPoint, String[] args) {
        CommandLine cl = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(entryPoint + ": " + e.getMessage() + System.lineSeparator()
                    + cl.getUsageMessage(), e);
        }
        return options;
    }
}
