package org.neurostream.deploy.dashboard;

/**
 * The server-sent-event texts of the dashboard protocol ({@code docs/dashboard-protocol.md}): one
 * {@code event: <name>} line, one {@code data: <json>} line, a blank line.
 */
final class DashboardMessages {
    private DashboardMessages() {
    }

    /** An SSE message with event name {@code event} and JSON {@code data} (one line). */
    static String sse(String event, String data) {
        return "event: " + event + "\ndata: " + data + "\n\n";
    }

    /** The SSE message of {@code event} (not for {@link DashboardEvent.Health}, which the hub aggregates). */
    static String encode(DashboardEvent event) {
        if (event instanceof DashboardEvent.Signal s) {
            int points = s.points();
            JsonText j = new JsonText(64 + s.values().length * 9).beginObject().name("stream").value(s.stream())
                    .name("t0Seconds").value(s.t0Seconds()).name("rateHz").value(s.rateHz())
                    .name("channels").value(s.channels()).name("values").beginArray();
            for (int c = 0; c < s.channels(); c++) {
                j.compactArray(s.values(), c * points, points);
            }
            j.endArray().name("filtered").value(s.filtered()).name("badChannels").array(s.badChannels())
                    .endObject();
            return sse("signal", j.toString());
        }
        if (event instanceof DashboardEvent.Cue c) {
            return sse("marker", new JsonText(128).beginObject().name("stream").value(c.stream())
                    .name("timestampSeconds").value(c.timestampSeconds()).name("label").value(c.label())
                    .endObject().toString());
        }
        if (event instanceof DashboardEvent.BandPowerDb b) {
            JsonText j = new JsonText(64 + b.valuesDb().length * 8).beginObject().name("stream").value(b.stream())
                    .name("bandHz").beginArray().value(b.lowHz()).value(b.highHz()).endArray()
                    .name("valuesDb").compactArray(b.valuesDb(), 0, b.valuesDb().length).endObject();
            return sse("bandpower", j.toString());
        }
        if (event instanceof DashboardEvent.Decision d) {
            JsonText j = new JsonText(256).beginObject().name("session").value(d.session())
                    .name("trial").value(d.trial()).name("timestampSeconds").value(d.timestampSeconds())
                    .name("probabilities").beginObject();
            for (int i = 0; i < d.probabilities().length; i++) {
                j.name(d.classNames().get(i)).value(d.probabilities()[i]);
            }
            j.endObject().name("predicted").value(d.predicted()).name("label").value(d.label()).name("correct");
            if (d.label() == null) {
                j.nullValue();
            } else {
                j.value(d.label().equals(d.predicted()));
            }
            j.name("accuracy").value(d.accuracy()).name("kappa").value(d.kappa()).name("latencyMs")
                    .value(d.latencyMs()).endObject();
            return sse("prediction", j.toString());
        }
        if (event instanceof DashboardEvent.FrameImage f) {
            return sse("frame", new JsonText(160).beginObject().name("stream").value(f.stream())
                    .name("frameIndex").value(f.frameIndex()).name("timestampSeconds").value(f.timestampSeconds())
                    .name("width").value(f.width()).name("height").value(f.height())
                    .name("url").value(DashboardHub.frameUrl(f.stream(), f.frameIndex())).endObject().toString());
        }
        if (event instanceof DashboardEvent.Sparsity s) {
            JsonText j = new JsonText(256).beginObject().name("stream").value(s.stream())
                    .name("frameIndex").value(s.frameIndex()).name("layers").beginArray();
            for (int i = 0; i < s.layerNames().size(); i++) {
                j.beginObject().name("name").value(s.layerNames().get(i)).name("sparsity").value(s.sparsity()[i])
                        .name("effectiveMacs").value(s.effectiveMacs()[i]).name("denseMacs")
                        .value(s.denseMacs()[i]).endObject();
            }
            return sse("sparsity", j.endArray().endObject().toString());
        }
        throw new IllegalArgumentException("No SSE message for " + event);
    }
}
