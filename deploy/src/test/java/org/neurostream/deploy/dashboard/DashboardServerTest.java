package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/** A real dashboard server on a free port, queried with {@code java.net.http} and raw sockets. */
class DashboardServerTest {
    private static final String TOKEN = "s3cret-token";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DashboardServer server;
    private DashboardHub hub;

    private static DashboardInfo info() {
        StreamDescription eeg = new StreamDescription("rec.xdf#1", "EEG amp", "EEG", "", 3, 500,
                ValueFormat.FLOAT32, List.of(ChannelInfo.of("C3"), ChannelInfo.of("EEG Cz-REF"),
                ChannelInfo.of("EMG1")));
        StreamDescription cues = new StreamDescription("rec.xdf#2", "cues", "Markers", "", 1, 0,
                ValueFormat.STRING, List.of());
        return DashboardInfo.of("test job", List.of(eeg, cues), List.of("left", "right"));
    }

    private String start(DashboardOptions options) throws Exception {
        hub = new DashboardHub(info(), System::nanoTime);
        server = DashboardServer.start(hub, options, null);
        return "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request line exactly as given (no client-side path normalization) and returns the status code. */
    private int rawStatus(int port, String method, String target) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void infoDescribesStreamsWithScalpPositionsOfKnownLabels() throws Exception {
        String base = start(new DashboardOptions("127.0.0.1", 0, null));
        HttpResponse<String> r = get(base + "/api/info");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode info = new ObjectMapper().readTree(r.body());
        assertThat(info.get("job").asText()).isEqualTo("test job");
        assertThat(info.get("classes").toString()).isEqualTo("[\"left\",\"right\"]");
        JsonNode eeg = info.get("streams").get(0);
        assertThat(eeg.get("kind").asText()).isEqualTo("eeg");
        assertThat(eeg.get("channelCount").asInt()).isEqualTo(3);
        assertThat(eeg.get("nominalRateHz").asDouble()).isEqualTo(500);
        JsonNode c3 = eeg.get("channels").get(0);
        Montage montage = Montage.standard1005();
        assertThat(c3.get("x").asDouble()).isEqualTo(montage.position("C3")[0]).isNegative();
        JsonNode cz = eeg.get("channels").get(1);
        assertThat(cz.get("label").asText()).isEqualTo("EEG Cz-REF");
        assertThat(cz.get("x").asDouble()).isEqualTo(montage.position("Cz")[0]);
        JsonNode emg = eeg.get("channels").get(2);
        assertThat(emg.get("x").isNull()).isTrue();
        assertThat(emg.get("y").isNull()).isTrue();
        JsonNode cues = info.get("streams").get(1);
        assertThat(cues.get("kind").asText()).isEqualTo("markers");
    }

    @Test
    void everyMethodButGetIsRefusedWith405() throws Exception {
        String base = start(new DashboardOptions("127.0.0.1", 0, null));
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/api/info"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
            assertThat(rawStatus(server.port(), method, "/events")).as(method).isEqualTo(405);
        }
    }

    @Test
    void pathTraversalIsRefusedAndStaticFilesHaveTheirContentType() throws Exception {
        String base = start(new DashboardOptions("127.0.0.1", 0, null));
        HttpResponse<String> css = get(base + "/static/fixture/probe.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).contains("DashboardServerTest");
        int port = server.port();
        for (String target : List.of("/static/../DashboardServer.class", "/static/fixture/../../Montage.class",
                "/static/%2e%2e/montage-standard_1005.json", "/static/..%2fDashboardHub.class",
                "/static//etc/passwd", "/static/fixture/./probe.css", "/static/fixture\\..\\x")) {
            assertThat(rawStatus(port, "GET", target)).as(target).isEqualTo(400);
        }
        assertThat(rawStatus(port, "GET", "/static/fixture/missing.css")).isEqualTo(404);
        assertThat(rawStatus(port, "GET", "/nothing-here")).isEqualTo(404);
    }

    @Test
    void nonLoopbackAddressWithoutTokenIsRefused() {
        assertThatThrownBy(() -> DashboardOptions.parse("0.0.0.0:8090", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0:8090").hasMessageContaining("--ui-token");
        assertThat(DashboardOptions.parse(null, null)).isEqualTo(DashboardOptions.defaults());
        assertThat(DashboardOptions.parse(":9000", null).port()).isEqualTo(9000);
        assertThat(DashboardOptions.parse("[::1]:9001", null).host()).isEqualTo("::1");
    }

    @Test
    void offLoopbackEveryRequestNeedsTheToken() throws Exception {
        String base = start(DashboardOptions.parse("0.0.0.0:0", TOKEN));
        HttpResponse<String> none = get(base + "/api/info");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(get(base + "/api/info?token=wrong").statusCode()).isEqualTo(401);
        assertThat(get(base + "/api/info", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get(base + "/events").statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/info"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        assertThat(get(base + "/api/info?token=" + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get(base + "/api/info", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        // the page, opened with the token, sets a cookie its scripts and event source then authenticate with
        HttpResponse<String> page = get(base + "/?token=" + TOKEN);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(get(base + "/api/info", "Cookie", cookie.split(";")[0]).statusCode()).isEqualTo(200);
    }

    @Test
    void eventsArriveAsServerSentEventsAndNonFiniteNumbersAreNull() throws Exception {
        String base = start(new DashboardOptions("127.0.0.1", 0, null));
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(nextEvent(in, "info")).contains("\"rec.xdf#1\"");
            assertThat(nextEvent(in, "health")).contains("\"backpressure\":null");
            hub.publish(new DashboardEvent.Cue("rec.xdf#2", 2.5, "left"));
            hub.publish(new DashboardEvent.Signal("rec.xdf#1", 1.0, 250, 3,
                    new double[] {1, 2, 3, Double.NaN, 5, 6}, false, new int[] {1}));
            JsonNode marker = new ObjectMapper().readTree(nextEvent(in, "marker"));
            assertThat(marker.get("label").asText()).isEqualTo("left");
            assertThat(marker.get("timestampSeconds").asDouble()).isEqualTo(2.5);
            JsonNode signal = new ObjectMapper().readTree(nextEvent(in, "signal"));
            assertThat(signal.get("values").toString()).isEqualTo("[[1,2],[3,null],[5,6]]");
            assertThat(signal.get("badChannels").toString()).isEqualTo("[1]");
            assertThat(signal.get("rateHz").asDouble()).isEqualTo(250);
        }
    }

    @Test
    void aSlowClientLosesTheOldestMessagesNotTheNewest() {
        SseClient client = new SseClient();
        for (int i = 0; i < SseClient.QUEUE_CAPACITY + 10; i++) {
            client.offer(("m" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(client.dropped()).isEqualTo(10);
    }

    /** Reads lines until an event named {@code name} and returns its data. */
    private static String nextEvent(BufferedReader in, String name) throws Exception {
        String line;
        boolean match = false;
        while ((line = in.readLine()) != null) {
            if (line.equals("event: " + name)) {
                match = true;
            } else if (match && line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("stream ended before a '" + name + "' event");
    }
}
