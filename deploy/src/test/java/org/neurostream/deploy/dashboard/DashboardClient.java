package org.neurostream.deploy.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test client of a running dashboard: waits for it, reads {@code /api/info}, records {@code /events}. */
final class DashboardClient {
    /** One received server-sent event. */
    record Event(String name, JsonNode data, long receivedNanos) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<Event> events = new ArrayList<>();

    DashboardClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until the dashboard answers {@code /api/info} (the job has started), at most {@code timeout}. */
    JsonNode awaitInfo(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/info"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return JSON.readTree(r.body());
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("The dashboard did not start within " + timeout, notYet);
                }
            }
            Thread.sleep(100);
        }
    }

    /** Reads {@code /events} until the server ends the stream (the job ended); returns every event. */
    List<Event> readEventsUntilEnd() throws Exception {
        return readEventsUntilEnd(e -> { });
    }

    /** As {@link #readEventsUntilEnd()}, calling {@code onEvent} with each event as it arrives. */
    List<Event> readEventsUntilEnd(java.util.function.Consumer<Event> onEvent) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /events answered " + r.statusCode());
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            String name = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ") && name != null) {
                    Event e = new Event(name, JSON.readTree(line.substring(6)), System.nanoTime());
                    synchronized (events) {
                        events.add(e);
                    }
                    onEvent.accept(e);
                    name = null;
                }
            }
        } catch (IOException serverClosed) {
            // the job ended and took the server down
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** GETs {@code path} (with query) from the dashboard; the response as bytes. */
    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The events named {@code name}. */
    static List<JsonNode> named(List<Event> events, String name) {
        return events.stream().filter(e -> e.name().equals(name)).map(Event::data).toList();
    }
}
