package org.neurostream.deploy.dashboard;

/**
 * The server-sent-event messages of the dashboard protocol ({@code docs/dashboard-protocol.md}): one
 * {@code event: <name>} line, one {@code data: <json>} line, a blank line, as UTF-8 bytes ready for the socket. Written
 * into a {@link JsonText} the caller reuses, so a message costs one byte array of its own length.
 */
final class DashboardMessages {
    private DashboardMessages() {
    }

    /** An SSE message with event name {@code event} and the JSON document {@code json} (UTF-8, one line). */
    static byte[] sse(String event, byte[] json) {
        return new JsonText(json.length + 32).raw("event: ").raw(event).raw("\ndata: ").raw(json).raw("\n\n")
                .toBytes();
    }

    /** Starts the SSE message of event {@code event} in {@code j} (emptied first); its JSON follows. */
    static JsonText begin(JsonText j, String event) {
        return j.reset().raw("event: ").raw(event).raw("\ndata: ");
    }

    /** Ends the SSE message written into {@code j} and returns its bytes. */
    static byte[] end(JsonText j) {
        return j.raw("\n\n").toBytes();
    }

    /**
     * The SSE message of {@code event} (not for {@link DashboardEvent.Health}, which the hub aggregates), written
     * with {@code j} (emptied first, then left holding the message).
     */
    static byte[] encode(DashboardEvent event, JsonText j) {
        if (event instanceof DashboardEvent.Signal s) {
            int points = s.points();
            begin(j, "signal").beginObject().name("stream").value(s.stream())
                    .name("t0Seconds").value(s.t0Seconds()).name("rateHz").value(s.rateHz())
                    .name("channels").value(s.channels()).name("values").beginArray();
            for (int c = 0; c < s.channels(); c++) {
                j.compactArray(s.values(), c * points, points);
            }
            j.endArray().name("filtered").value(s.filtered()).name("badChannels").array(s.badChannels())
                    .endObject();
            return end(j);
        }
        if (event instanceof DashboardEvent.Cue c) {
            return end(begin(j, "marker").beginObject().name("stream").value(c.stream())
                    .name("timestampSeconds").value(c.timestampSeconds()).name("label").value(c.label())
                    .endObject());
        }
        if (event instanceof DashboardEvent.BandPowerDb b) {
            begin(j, "bandpower").beginObject().name("stream").value(b.stream())
                    .name("bandHz").beginArray().value(b.lowHz()).value(b.highHz()).endArray()
                    .name("valuesDb").compactArray(b.valuesDb(), 0, b.valuesDb().length).endObject();
            return end(j);
        }
        if (event instanceof DashboardEvent.Decision d) {
            begin(j, "prediction").beginObject().name("session").value(d.session())
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
            return end(j);
        }
        if (event instanceof DashboardEvent.FrameImage f) {
            return end(begin(j, "frame").beginObject().name("stream").value(f.stream())
                    .name("frameIndex").value(f.frameIndex()).name("timestampSeconds").value(f.timestampSeconds())
                    .name("width").value(f.width()).name("height").value(f.height())
                    .name("url").value(DashboardHub.frameUrl(f.stream(), f.frameIndex())).endObject());
        }
        if (event instanceof DashboardEvent.Sparsity s) {
            begin(j, "sparsity").beginObject().name("stream").value(s.stream())
                    .name("frameIndex").value(s.frameIndex()).name("layers").beginArray();
            for (int i = 0; i < s.layerNames().size(); i++) {
                j.beginObject().name("name").value(s.layerNames().get(i)).name("sparsity").value(s.sparsity()[i])
                        .name("effectiveMacs").value(s.effectiveMacs()[i]).name("denseMacs")
                        .value(s.denseMacs()[i]).endObject();
            }
            return end(j.endArray().endObject());
        }
        throw new IllegalArgumentException("No SSE message for " + event);
    }
}
