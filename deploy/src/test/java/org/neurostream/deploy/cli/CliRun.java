package org.neurostream.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the {@code neurostream} command line in-process and captures its output and exit status. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = NeurostreamCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }

    static Path testData(String relative) {
        return Path.of(System.getProperty("neurostream.test.data", "../test-data")).resolve(relative);
    }
}
