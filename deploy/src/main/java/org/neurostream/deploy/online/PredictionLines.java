package org.neurostream.deploy.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.neurostream.operators.online.Prediction;

/** Reads predictions back from the JSON lines {@link Prediction#toJson} writes. */
public final class PredictionLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PredictionLines() {}

    /** Parses one line; {@code where} names the file and line in errors. */
    public static Prediction parse(String line, String where) throws IOException {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IOException(where + ": not a JSON prediction: " + e.getMessage(), e);
        }
        return new Prediction(n.path("session").asText(), n.path("recording").asText(), n.path("trial").asLong(),
                n.path("cueSeconds").asDouble(), n.path("predicted").asText(), n.path("actual").asText(),
                number(n, "score"), number(n, "runningAccuracy"), number(n, "runningKappa"),
                n.path("latencyMicros").asLong(), n.path("inJobLatencyMicros").asLong(n.path("latencyMicros").asLong()),
                n.path("trialsLearned").asLong(), n.path("modelDigest").asLong());
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    /** Parses lines; errors name {@code source} and the line number. */
    public static List<Prediction> parseAll(List<String> lines, String source) throws IOException {
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(parse(lines.get(i), source + " line " + (i + 1)));
            }
        }
        return out;
    }
}
