package org.neurostream.streams.lsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The independent LSL peer: {@code test-data/scripts/lsl_peer.py} (pylsl) run as a subprocess. Its standard output
 * is read line by line on a background thread; its standard error goes to a temporary log file quoted in failures.
 */
public final class PylslPeer implements AutoCloseable {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private PylslPeer(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("{\"error\": \"" + e.getMessage() + "\"}");
            }
        }, "pylsl-peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** A stream name / source id no other test (or test run) uses. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-"
                + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    /** The peer script, found through the {@code neurostream.test.data} property set by surefire. */
    public static Path script() {
        String testData = System.getProperty("neurostream.test.data", "../test-data");
        return Path.of(testData, "scripts", "lsl_peer.py");
    }

    /** Starts {@code python3 lsl_peer.py <args>}. */
    public static PylslPeer start(String... args) {
        List<String> scriptAndArgs = new ArrayList<>(List.of(script().toString()));
        scriptAndArgs.addAll(List.of(args));
        return startScript(scriptAndArgs.toArray(String[]::new));
    }

    /** Starts {@code python3 <script> <args>}: another peer script (e.g. one that plays a recording). */
    public static PylslPeer startScript(String... scriptAndArgs) {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(scriptAndArgs));
        try {
            Path log = Files.createTempFile("lsl-peer", ".log");
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            return new PylslPeer(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    /** Waits for an output line starting with {@code prefix}; fails with the peer's stderr if none comes. */
    public String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(50, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line != null && line.startsWith("{\"error\"")) {
                    throw new AssertionError("pylsl peer failed: " + line + "\n" + stderrText());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("pylsl peer printed no line starting with '" + prefix + "' within " + timeout
                + "; alive=" + process.isAlive() + "\n" + stderrText());
    }

    /** Waits for the JSON result line and parses it. */
    public JsonNode awaitJson(Duration timeout) {
        String line = awaitLine("{", timeout);
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("pylsl peer printed malformed JSON: " + line, e);
        }
    }

    /** Sends SIGTERM (the outlet stops pushing and exits cleanly) and waits for the process to end. */
    public void terminate() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the peer at once (SIGKILL), like a crashing acquisition program. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderrText() {
        try {
            return "--- pylsl peer stderr ---\n" + Files.readString(stderr);
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
            // a leftover temporary log is harmless
        }
    }

    /** The value the peer puts at sample {@code s}, channel {@code c} of a float/double stream. */
    public static double numericValue(int s, int c) {
        return s + c / 8.0;
    }

    /** The value the peer puts at sample {@code s}, channel {@code c} of a string stream. */
    public static String stringValue(int s, int c) {
        return c == 0 ? "m" + s : "m" + s + "c" + c;
    }
}
