package org.neurostream.deploy.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.metrics.View;

/**
 * Reads a running job's backpressure from Flink's REST API ({@code GET /jobs/:jobid} for the vertices, then
 * {@code GET /jobs/:jobid/vertices/:vertexid/backpressure} per vertex): the highest back-pressured time ratio of any
 * subtask, 0..1. Any failure (no REST endpoint, job not running yet or any more) gives null, "unknown".
 *
 * <p>When to ask ({@link #firstQueryAfter()}, {@link #queryEvery()}) follows what Flink can answer. A task's
 * back-pressured time is a {@code TimerGauge} averaged over windows of {@link View#UPDATE_INTERVAL_SECONDS} (5 s) and
 * reads 0 until its first window has passed, so the first query waits for one window and a second. Flink's REST API
 * answers back pressure from a metric store that it refreshes (a dump of every metric of the job manager and every
 * task manager) at most once per {@code metrics.fetcher.update-interval} (10 s by default), on a request's demand;
 * asking more often returns the same numbers, and every refresh costs the job's processes CPU. The probe therefore
 * asks once per fetcher interval, never more often than every {@value #MIN_QUERY_EVERY_SECONDS} s.
 *
 * <p>The HTTP client and JSON mapper are made on the first query (on the dashboard's timer thread), not when the
 * probe is made: making them costs tens of milliseconds of CPU, which the job's task thread (that opens the dashboard
 * operator) should not pay, nor a job that nobody watches. Not thread-safe: one timer thread queries.
 */
final class BackpressureProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** The shortest time between two queries, s, whatever Flink's fetcher interval. */
    static final int MIN_QUERY_EVERY_SECONDS = 3;

    private final String restUrl;
    private final String jobId;
    private final Duration queryEvery;
    private HttpClient http;
    private ObjectMapper json;

    /**
     * @param restUrl Flink's REST address, e.g. {@code http://127.0.0.1:8081}
     * @param jobId   the job's id (hex)
     * @param flinkConfiguration the configuration of the cluster whose REST API answers, for its metric fetcher
     *                interval
     */
    BackpressureProbe(String restUrl, String jobId, Configuration flinkConfiguration) {
        this.restUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
        this.jobId = jobId;
        Duration fetcher = flinkConfiguration.get(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL);
        Duration floor = Duration.ofSeconds(MIN_QUERY_EVERY_SECONDS);
        this.queryEvery = fetcher.compareTo(floor) < 0 ? floor : fetcher;
    }

    /** How long after the job's start the first query is worth making: one back-pressure window and a second. */
    Duration firstQueryAfter() {
        return Duration.ofSeconds(View.UPDATE_INTERVAL_SECONDS + 1);
    }

    /** Time between queries: Flink's metric fetcher interval, at least {@value #MIN_QUERY_EVERY_SECONDS} s. */
    Duration queryEvery() {
        return queryEvery;
    }

    /** The highest back-pressured ratio of any subtask of the job, or null when Flink cannot tell. */
    Double maxRatio() {
        try {
            JsonNode job = get("/jobs/" + jobId);
            if (job == null || !job.has("vertices")) {
                return null;
            }
            double max = -1;
            for (JsonNode v : job.get("vertices")) {
                JsonNode bp = get("/jobs/" + jobId + "/vertices/" + v.get("id").asText() + "/backpressure");
                if (bp == null || !bp.has("subtasks")) {
                    continue;
                }
                for (JsonNode s : bp.get("subtasks")) {
                    if (s.has("ratio")) {
                        max = Math.max(max, s.get("ratio").asDouble());
                    }
                }
            }
            return max < 0 ? null : max;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private JsonNode get(String path) throws java.io.IOException, InterruptedException {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
            json = new ObjectMapper();
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restUrl + path)).timeout(TIMEOUT)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? json.readTree(r.body()) : null;
    }
}
