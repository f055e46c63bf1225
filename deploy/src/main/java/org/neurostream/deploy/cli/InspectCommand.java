package org.neurostream.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.record.ChannelInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurostream inspect FILE [--json]}: what a recording holds, and what is wrong with it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows the streams of a recording (XDF, EDF/EDF+, BDF/BDF+, GDF): channels with labels and units, "
                + "nominal and observed rates, durations, sample and marker counts, clock offsets, first and last "
                + "timestamps, and problems found.",
                "Exit status: 0 when the file reads, 1 when it is broken (the error names the file, byte offset and "
                        + "problem)."})
public final class InspectCommand implements Callable<Integer> {
    /** Exit status for a file that cannot be read. */
    static final int EXIT_BROKEN = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording file.")
    Path file;

    @Option(names = "--json", description = "Print one JSON document instead of tables.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Recording recording;
        try {
            recording = Recordings.read(file);
        } catch (IOException e) {
            reportError(e, out);
            return EXIT_BROKEN;
        }
        RecordingReport report = RecordingReport.of(file.toString(), recording);
        if (json) {
            out.println(Formats.json().writeValueAsString(report));
        } else {
            printTables(report, out);
        }
        out.flush();
        return 0;
    }

    private void reportError(IOException e, PrintWriter out) throws IOException {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", file.toString());
            Map<String, Object> error = new LinkedHashMap<>();
            if (e instanceof RecordingFormatException rfe) {
                error.put("byteOffset", rfe.byteOffset());
                error.put("problem", rfe.problem());
            } else {
                error.put("problem", String.valueOf(e.getMessage()));
            }
            error.put("message", String.valueOf(e.getMessage()));
            doc.put("error", error);
            out.println(Formats.json().writeValueAsString(doc));
            out.flush();
        } else {
            PrintWriter err = spec.commandLine().getErr();
            err.println("neurostream inspect: " + (e instanceof RecordingFormatException ? e.getMessage()
                    : file + ": " + e.getMessage()));
            err.flush();
        }
    }

    private static void printTables(RecordingReport r, PrintWriter out) {
        out.println("File     " + r.file());
        out.println("Format   " + r.format());
        out.println("Streams  " + r.streams().size());
        out.println();
        TextTable streams = new TextTable("Stream", "Name", "Type", "Format", ">Channels", ">Rate (Hz)",
                ">Observed (Hz)", ">Samples", ">Markers", ">Duration (s)", ">First (s)", ">Last (s)",
                ">Clock offsets", ">Offset range (s)");
        for (RecordingReport.StreamReport s : r.streams()) {
            RecordingReport.ClockOffsets co = s.clockOffsets();
            streams.row(s.streamKey(), s.name(), s.type(), s.valueFormat(), s.channelCount(),
                    s.nominalRateHz() == 0 ? "irregular" : Formats.fixed(s.nominalRateHz(), 3),
                    Formats.fixed(s.observedRateHz(), 3), Formats.count(s.sampleCount()),
                    Formats.count(s.markerCount()), Formats.fixed(s.durationSeconds(), 3),
                    Formats.fixed(s.firstTimestampSeconds(), 6), Formats.fixed(s.lastTimestampSeconds(), 6),
                    co.count(), co.count() == 0 ? "-" : Formats.fixed(co.minOffsetSeconds(), 6) + " .. "
                            + Formats.fixed(co.maxOffsetSeconds(), 6));
        }
        out.print(streams.render());
        for (RecordingReport.StreamReport s : r.streams()) {
            if (s.markerCount() > 0 || s.channelCount() == 0) {
                continue;
            }
            out.println();
            out.println("Channels of " + s.streamKey());
            TextTable channels = new TextTable(">#", "Label", "Unit", "Type");
            int i = 1;
            for (ChannelInfo c : s.channels()) {
                channels.row(i++, c.label(), c.unit().isEmpty() ? "-" : c.unit(), c.type().isEmpty() ? "-"
                        : c.type());
            }
            out.print(channels.render());
        }
        out.println();
        if (r.problems().isEmpty()) {
            out.println("Problems: none");
        } else {
            out.println("Problems:");
            for (String p : r.problems()) {
                out.println("  - " + p);
            }
        }
    }
}
