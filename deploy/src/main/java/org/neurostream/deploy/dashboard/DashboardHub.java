package org.neurostream.deploy.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The dashboard's state between the job and the HTTP clients: turns {@link DashboardEvent}s into server-sent-event
 * messages (the protocol of {@code docs/dashboard-protocol.md}, UTF-8 bytes written once and shared by every client),
 * fans them out to every connected {@link SseClient}, and keeps what a client that connects later needs: the stream
 * list, the last frame, band power and sparsity per stream, and the recent markers and decisions (for the learning
 * curve).
 *
 * <p>{@link #publish} is called by one thread at a time (the dashboard's publisher; it reuses one buffer for the
 * messages it writes), the rest by HTTP threads and the health timer: thread-safe.
 */
final class DashboardHub {
    /** Decisions and markers kept for clients that connect later. */
    static final int HISTORY = 1000;
    /** A stream with no health report for this long is shown with rate 0. */
    static final long STALE_NANOS = 2_500_000_000L;

    private final String job;
    private final List<String> classes;
    private final Montage montage = Montage.standard1005();
    private final Map<String, DashboardInfo.Stream> streams = new ConcurrentHashMap<>();
    private final List<String> streamOrder = new CopyOnWriteArrayList<>();
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final Map<String, DashboardEvent.FrameImage> frames = new ConcurrentHashMap<>();
    private final Map<String, byte[]> lastFrame = new ConcurrentHashMap<>();
    private final Map<String, byte[]> lastBandPower = new ConcurrentHashMap<>();
    private final Map<String, byte[]> lastSparsity = new ConcurrentHashMap<>();
    private final Deque<byte[]> history = new ArrayDeque<>();
    private final Map<String, Reported> health = new ConcurrentHashMap<>();
    /** The publisher's message buffer (used by {@link #publish} only). */
    private final JsonText scratch = new JsonText(1 << 16);
    private final LongSupplier nanoClock;
    private volatile Double backpressure;
    private volatile long lastCheckpointNanos = -1;

    /** A stream's latest health report and when it came, ns. */
    private record Reported(DashboardEvent.Health health, long atNanos) {
    }

    DashboardHub(DashboardInfo info, LongSupplier nanoClock) {
        this.job = info.job();
        this.classes = info.classes();
        this.nanoClock = nanoClock;
        for (DashboardInfo.Stream s : info.streams()) {
            streams.put(s.key(), s);
            streamOrder.add(s.key());
        }
    }

    /** Takes one event from the job. */
    void publish(DashboardEvent event) {
        if (event instanceof DashboardEvent.Health h) {
            Reported previous = health.put(h.stream(), new Reported(h, nanoClock.getAsLong()));
            DashboardEvent.Health before = previous == null ? null : previous.health();
            if (!streams.containsKey(h.stream())) {
                // a stream the job did not know in advance (e.g. resolved on the network): describe it from its data
                String kind = h.channels() == 0 ? "markers" : "eeg";
                List<DashboardInfo.Channel> channels = new ArrayList<>();
                for (int c = 0; c < h.channels(); c++) {
                    channels.add(new DashboardInfo.Channel("ch" + (c + 1), null, null));
                }
                addStream(new DashboardInfo.Stream(h.stream(), h.stream(), kind.equals("eeg") ? "EEG" : "Markers",
                        kind, h.channels(), h.nominalRateHz(), channels, 0, 0));
            }
            if (h.ended() && (before == null || !before.ended())) {
                publishHealth(); // a recording's end at once: the job may finish before the next report
            }
            return;
        }
        if (event instanceof DashboardEvent.Described d) {
            // a stream known only now: its labels and scalp positions replace what was guessed from its data
            DashboardInfo.Stream s = DashboardInfo.Stream.signal(d.stream(), d.name(), d.type(), d.nominalRateHz(),
                    d.labels(), montage);
            if (streams.put(s.key(), s) == null) {
                streamOrder.add(s.key());
            }
            broadcast(infoMessage());
            return;
        }
        byte[] message = DashboardMessages.encode(event, scratch);
        if (event instanceof DashboardEvent.FrameImage f) {
            if (!streams.containsKey(f.stream())) {
                addStream(DashboardInfo.Stream.video(f.stream(), f.stream(), f.width(), f.height(), 0));
            }
            frames.put(f.stream(), f);
            lastFrame.put(f.stream(), message);
        } else if (event instanceof DashboardEvent.BandPowerDb b) {
            lastBandPower.put(b.stream(), message);
        } else if (event instanceof DashboardEvent.Sparsity s) {
            lastSparsity.put(s.stream(), message);
        } else if (event instanceof DashboardEvent.Decision || event instanceof DashboardEvent.Cue) {
            // under the lock that connect() takes, so a joining client gets each decision exactly once
            synchronized (history) {
                history.addLast(message);
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
                broadcast(message);
            }
            return;
        }
        broadcast(message);
    }

    /** Adds a stream to the info (video streams are described by the job when their first frame arrives). */
    void addStream(DashboardInfo.Stream s) {
        if (streams.putIfAbsent(s.key(), s) == null) {
            streamOrder.add(s.key());
        }
    }

    /** Called when a checkpoint completed. */
    void checkpointCompleted() {
        lastCheckpointNanos = nanoClock.getAsLong();
    }

    /** The job's backpressure, the highest ratio of any task in 0..1, or null when unknown. */
    void backpressure(Double ratio) {
        this.backpressure = ratio;
    }

    /** Registers a client and queues what it needs to catch up. */
    SseClient connect() {
        SseClient client = new SseClient();
        lastBandPower.values().forEach(client::offer);
        lastFrame.values().forEach(client::offer);
        lastSparsity.values().forEach(client::offer);
        synchronized (history) {
            // when more than fit, the client's queue keeps the newest
            history.forEach(client::offer);
            clients.add(client);
        }
        return client;
    }

    void disconnect(SseClient client) {
        clients.remove(client);
    }

    int clientCount() {
        return clients.size();
    }

    /** The latest frame of {@code stream}, or null. */
    DashboardEvent.FrameImage frame(String stream) {
        return frames.get(stream);
    }

    /** Builds and sends the once-a-second {@code health} event. */
    void publishHealth() {
        broadcast(healthMessage());
    }

    byte[] healthMessage() {
        long now = nanoClock.getAsLong();
        JsonText j = new JsonText(256).beginObject().name("streams").beginArray();
        for (String key : streamOrder) {
            DashboardInfo.Stream s = streams.get(key);
            Reported r = health.get(key);
            DashboardEvent.Health h = r == null ? null : r.health();
            boolean stale = r == null || now - r.atNanos() > STALE_NANOS;
            j.beginObject().name("key").value(key)
                    .name("rateHz").value(h == null || stale ? 0.0 : h.rateHz())
                    .name("nominalRateHz").value(h == null ? s.nominalRateHz() : h.nominalRateHz())
                    .name("gaps").value(h == null ? 0 : h.gaps())
                    .name("latencyMs").value(h == null ? Double.NaN : h.latencyMs())
                    .name("ended").value(h != null && h.ended())
                    .endObject();
        }
        j.endArray().name("backpressure");
        Double bp = backpressure;
        if (bp == null) {
            j.nullValue();
        } else {
            j.value(bp);
        }
        j.name("lastCheckpointAgeSeconds");
        long cp = lastCheckpointNanos;
        if (cp < 0) {
            j.nullValue();
        } else {
            j.value((now - cp) / 1e9);
        }
        j.name("clients").value(clients.size()).endObject();
        return DashboardMessages.sse("health", j.toBytes());
    }

    /** The {@code /api/info} document. */
    String infoJson() {
        return infoDocument().toString();
    }

    /** The {@code info} event (the {@code /api/info} document). */
    byte[] infoMessage() {
        return DashboardMessages.sse("info", infoDocument().toBytes());
    }

    private JsonText infoDocument() {
        JsonText j = new JsonText(4096).beginObject().name("job").value(job)
                .name("headRadius").value(montage.headRadius())
                .name("streams").beginArray();
        for (String key : streamOrder) {
            DashboardInfo.Stream s = streams.get(key);
            j.beginObject().name("key").value(s.key()).name("name").value(s.name()).name("type").value(s.type())
                    .name("kind").value(s.kind()).name("channelCount").value(s.channelCount())
                    .name("nominalRateHz").value(s.nominalRateHz()).name("channels").beginArray();
            for (DashboardInfo.Channel c : s.channels()) {
                j.beginObject().name("label").value(c.label()).name("x");
                if (c.x() == null) {
                    j.nullValue().name("y").nullValue();
                } else {
                    j.value(c.x()).name("y").value(c.y());
                }
                j.endObject();
            }
            j.endArray().name("frameWidth").value(s.frameWidth()).name("frameHeight").value(s.frameHeight())
                    .endObject();
        }
        j.endArray().name("classes").beginArray();
        classes.forEach(j::value);
        return j.endArray().endObject();
    }

    private void broadcast(byte[] message) {
        for (SseClient c : clients) {
            c.offer(message);
        }
    }

    /** The URL path of the latest frame of {@code stream}. */
    static String frameUrl(String stream, long frameIndex) {
        return "/api/frame/" + URLEncoder.encode(stream, StandardCharsets.UTF_8).replace("+", "%20") + ".jpg?i="
                + frameIndex;
    }
}
