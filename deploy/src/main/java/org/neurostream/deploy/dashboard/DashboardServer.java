package org.neurostream.deploy.dashboard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP server (the JDK's {@code com.sun.net.httpserver}): read-only, GET only.
 *
 * <ul>
 *   <li>{@code GET /}: the page ({@code web/index.html} next to this class); {@code GET /static/PATH}: any file under
 *       {@code web/}, with its content type; paths with {@code ..}, {@code .}, empty or unusual segments are refused
 *       (400) before anything is looked up;</li>
 *   <li>{@code GET /api/info}: the job and its streams ({@link DashboardHub#infoJson()});</li>
 *   <li>{@code GET /events}: server-sent events ({@link DashboardMessages}), a {@code health} event every second;</li>
 *   <li>{@code GET /api/frame/STREAM.jpg}: the latest frame of a video stream as JPEG.</li>
 * </ul>
 * With a token ({@link DashboardOptions#token()}) every request must carry it as {@code ?token=},
 * {@code Authorization: Bearer} or the cookie set when the page was loaded with it (so that the page's scripts and
 * its {@code EventSource} need not repeat it), else 401. Any method but GET gets 405.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String WEB = "web/";
    static final String TOKEN_COOKIE = "neurostream_dashboard_token";
    /** Most simultaneous {@code /events} clients. */
    static final int MAX_EVENT_CLIENTS = 16;
    private static final long KEEPALIVE_MILLIS = 15_000;
    private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEPALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("map", "application/json"));

    private final DashboardHub hub;
    private final DashboardOptions options;
    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final ScheduledExecutorService timer;
    private final AtomicInteger eventClients = new AtomicInteger();
    private volatile boolean closed;

    private DashboardServer(DashboardHub hub, DashboardOptions options, HttpServer server,
            ExecutorService httpThreads, ScheduledExecutorService timer) {
        this.hub = hub;
        this.options = options;
        this.server = server;
        this.httpThreads = httpThreads;
        this.timer = timer;
    }

    /**
     * Starts a server for {@code hub}; {@code backpressure} (may be null) is polled on its schedule
     * ({@link BackpressureProbe#firstQueryAfter()}, then every {@link BackpressureProbe#queryEvery()}) while a client is
     * connected, on a timer thread of the server, never on the job's.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    static DashboardServer start(DashboardHub hub, DashboardOptions options, BackpressureProbe backpressure)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            throw new IOException("Cannot start the dashboard on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage() + " (choose another address with --ui=HOST:PORT)", e);
        }
        ExecutorService threads = Executors.newCachedThreadPool(daemon("neurostream-dashboard-http"));
        // two threads: a slow Flink REST answer must not delay the health events
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("neurostream-dashboard-timer"));
        DashboardServer s = new DashboardServer(hub, options, server, threads, timer);
        server.createContext("/", s::handle);
        server.setExecutor(threads);
        server.start();
        timer.scheduleAtFixedRate(() -> {
            try {
                hub.publishHealth();
            } catch (RuntimeException e) {
                LOG.warn("Dashboard health update failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        if (backpressure != null) {
            // Flink answers from its metrics; ask only while somebody is watching
            timer.scheduleWithFixedDelay(() -> {
                if (hub.clientCount() > 0) {
                    hub.backpressure(backpressure.maxRatio());
                }
            }, backpressure.firstQueryAfter().toMillis(), backpressure.queryEvery().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return s;
    }

    /** The bound port (the chosen one when the options said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address. */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        closed = true;
        // not shutdownNow: interrupting a Flink REST request in flight makes Flink log a warning
        timer.shutdown();
        server.stop(0);
        httpThreads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Headers h = ex.getResponseHeaders();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Cache-Control", "no-store");
            if (!authorized(ex)) {
                h.set("WWW-Authenticate", "Bearer realm=\"neurostream dashboard\"");
                text(ex, 401, "A valid dashboard token is required (?token=, 'Authorization: Bearer' or the page "
                        + "cookie).");
                return;
            }
            if (!"GET".equals(ex.getRequestMethod())) {
                h.set("Allow", "GET");
                text(ex, 405, "The dashboard is read-only: only GET is allowed, not " + ex.getRequestMethod() + ".");
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path == null) {
                text(ex, 400, "Bad path.");
            } else if (path.equals("/") || path.equals("/index.html")) {
                rememberToken(ex);
                resource(ex, "index.html");
            } else if (path.startsWith("/static/")) {
                String rel = path.substring("/static/".length());
                if (!safeRelativePath(rel)) {
                    text(ex, 400, "Bad path: '" + path + "' (no '..', '.', empty or unusual segments).");
                } else {
                    resource(ex, rel);
                }
            } else if (path.equals("/api/info")) {
                bytes(ex, 200, "application/json", hub.infoJson().getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/events")) {
                events(ex);
            } else if (path.startsWith("/api/frame/") && path.endsWith(".jpg")) {
                frame(ex, path.substring("/api/frame/".length(), path.length() - ".jpg".length()));
            } else {
                text(ex, 404, "Not found: " + path);
            }
        } catch (IOException clientGone) {
            // the browser closed the connection while we wrote: nothing to do
        }
    }

    /** True for {@code a/b.css}-like paths: segments of letters, digits, '-', '_', '.', none of them '.' or '..'. */
    static boolean safeRelativePath(String rel) {
        if (rel.isEmpty() || rel.length() > 200) {
            return false;
        }
        for (String segment : rel.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || !segment.chars().allMatch(ch -> Character.isLetterOrDigit(ch) && ch < 128 || ch == '-'
                    || ch == '_' || ch == '.')) {
                return false;
            }
        }
        return true;
    }

    private boolean authorized(HttpExchange ex) {
        String token = options.token();
        if (token == null) {
            return true;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && same(auth.substring(7).trim(), token)) {
            return true;
        }
        String query = queryToken(ex);
        if (query != null && same(query, token)) {
            return true;
        }
        String cookies = ex.getRequestHeaders().getFirst("Cookie");
        if (cookies != null) {
            for (String c : cookies.split(";")) {
                String[] kv = c.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(TOKEN_COOKIE) && same(kv[1], token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String queryToken(HttpExchange ex) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String part : q.split("&")) {
            if (part.startsWith("token=")) {
                return URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Constant-time comparison, so response times do not reveal how much of a guessed token was right. */
    private static boolean same(String given, String token) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** When the page was opened with {@code ?token=}, its scripts and event source authenticate by cookie. */
    private void rememberToken(HttpExchange ex) {
        if (options.token() != null && queryToken(ex) != null) {
            ex.getResponseHeaders().add("Set-Cookie", TOKEN_COOKIE + "=" + options.token()
                    + "; Path=/; HttpOnly; SameSite=Strict");
        }
    }

    private void resource(HttpExchange ex, String rel) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(WEB + rel)) {
            if (in == null) {
                text(ex, 404, "Not found: " + rel);
                return;
            }
            byte[] body = in.readAllBytes();
            int dot = rel.lastIndexOf('.');
            String ext = dot < 0 ? "" : rel.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (ext.equals("html")) {
                ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: "
                        + "blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
                        + "frame-ancestors 'none'");
            }
            bytes(ex, 200, CONTENT_TYPES.getOrDefault(ext, "application/octet-stream"), body);
        }
    }

    private void events(HttpExchange ex) throws IOException {
        if (eventClients.incrementAndGet() > MAX_EVENT_CLIENTS) {
            eventClients.decrementAndGet();
            text(ex, 503, "Too many dashboard clients (at most " + MAX_EVENT_CLIENTS + ").");
            return;
        }
        SseClient client = hub.connect();
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("X-Accel-Buffering", "no");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(RETRY);
            out.write(hub.infoMessage());
            out.write(hub.healthMessage());
            out.flush();
            while (!closed) {
                byte[] message = client.take(KEEPALIVE_MILLIS);
                out.write(message == null ? KEEPALIVE : message);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.disconnect(client);
            eventClients.decrementAndGet();
        }
    }

    private void frame(HttpExchange ex, String encodedStream) throws IOException {
        DashboardEvent.FrameImage f = hub.frame(encodedStream);
        if (f == null) {
            text(ex, 404, "No frame of stream '" + encodedStream + "' yet.");
            return;
        }
        BufferedImage image = new BufferedImage(f.width(), f.height(),
                f.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        byte[] p = f.pixels();
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                int i = (y * f.width() + x) * f.channels();
                int rgb = f.channels() == 1 ? (p[i] & 0xff) * 0x010101
                        : (p[i] & 0xff) << 16 | (p[i + 1] & 0xff) << 8 | (p[i + 2] & 0xff);
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        bytes(ex, 200, "image/jpeg", jpeg.toByteArray());
    }

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        bytes(ex, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
