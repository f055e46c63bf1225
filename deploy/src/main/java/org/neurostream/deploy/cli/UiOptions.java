package org.neurostream.deploy.cli;

import org.neurostream.deploy.dashboard.DashboardOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --ui[=HOST:PORT]} and {@code --ui-token} options every job command shares. */
final class UiOptions {
    @Option(names = "--ui", arity = "0..1", paramLabel = "HOST:PORT",
            fallbackValue = DashboardOptions.DEFAULT_HOST + ":" + DashboardOptions.DEFAULT_PORT,
            description = "Serve a live dashboard of the job in the browser, by default on http://"
                    + DashboardOptions.DEFAULT_HOST + ":" + DashboardOptions.DEFAULT_PORT + "/ (loopback only). "
                    + "Another address needs --ui-token.")
    String address;

    @Option(names = "--ui-token", paramLabel = "TOKEN", defaultValue = "${env:NEUROSTREAM_UI_TOKEN}",
            description = "Token every dashboard request must carry (?token=TOKEN or 'Authorization: Bearer TOKEN'); "
                    + "required when --ui listens on a non-loopback address. Default: $NEUROSTREAM_UI_TOKEN.")
    String token;

    /** The dashboard to serve, or null without {@code --ui}. */
    DashboardOptions dashboard(CommandSpec spec) {
        if (address == null) {
            if (token != null && spec.commandLine().getParseResult().hasMatchedOption("--ui-token")) {
                throw new ParameterException(spec.commandLine(), "--ui-token needs --ui.");
            }
            return null;
        }
        try {
            return DashboardOptions.parse(address, token == null || token.isEmpty() ? null : token);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
