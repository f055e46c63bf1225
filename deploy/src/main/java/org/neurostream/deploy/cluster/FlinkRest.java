package org.neurostream.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small client of Flink's REST API (the JobManager's web monitor): upload and run job jars, list and stop jobs,
 * read checkpoint statistics and back pressure. Every call fails with an {@link IOException} that names the request
 * and carries Flink's error text.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl e.g. {@code http://localhost:8081} */
    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * A job as {@code /jobs/overview} lists it.
     *
     * @param id job id
     * @param name job name
     * @param state RUNNING, FINISHED, FAILED, CANCELED, RESTARTING, ...
     */
    public record Job(String id, String name, String state) {}

    /**
     * How to run an uploaded jar ({@code POST /jars/:jarid/run}).
     *
     * @param entryClass the main class
     * @param args program arguments
     * @param parallelism default parallelism of the job, or null for the cluster's
     * @param savepointPath savepoint or retained checkpoint to start from, or null
     */
    public record JarRun(String entryClass, List<String> args, Integer parallelism, String savepointPath) {
        public JarRun {
            args = List.copyOf(args);
        }
    }

    /** GET {@code path}; the response as JSON. */
    public JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), "GET " + path);
    }

    /** True when the REST API answers. */
    public boolean isUp() {
        try {
            get("/overview");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the REST API answers. */
    public void awaitUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isUp()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("The JobManager's REST API at " + baseUrl + " did not answer within "
                        + timeout.toSeconds() + " s; see the jobmanager log.");
            }
            Thread.sleep(200);
        }
    }

    /** Waits until {@code count} task managers are registered. */
    public void awaitTaskManagers(int count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int registered;
        while ((registered = get("/taskmanagers").path("taskmanagers").size()) < count) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Only " + registered + " of " + count + " task managers registered with "
                        + baseUrl + " within " + timeout.toSeconds() + " s; see the taskmanager logs.");
            }
            Thread.sleep(200);
        }
    }

    /** Uploads a job jar ({@code POST /jars/upload}); returns its jar id. */
    public String uploadJar(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("Job jar " + jar + " does not exist; build it with mvn -pl deploy -am package.");
        }
        String boundary = "neurostream-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode r = send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), "POST /jars/upload " + jar);
        String file = r.path("filename").asText();
        if (file.isEmpty()) {
            throw new IOException("POST /jars/upload " + jar + ": no file name in the answer " + r);
        }
        return Path.of(file).getFileName().toString();
    }

    /** Runs an uploaded jar ({@code POST /jars/:jarid/run}); returns the job id. */
    public String runJar(String jarId, JarRun run) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", run.entryClass());
        body.set("programArgsList", JSON.valueToTree(run.args()));
        if (run.parallelism() != null) {
            body.put("parallelism", run.parallelism());
        }
        if (run.savepointPath() != null) {
            body.put("savepointPath", run.savepointPath());
            body.put("allowNonRestoredState", true);
        }
        JsonNode r = post("/jars/" + jarId + "/run", body);
        String job = r.path("jobid").asText();
        if (job.isEmpty()) {
            throw new IOException("POST /jars/" + jarId + "/run: no job id in the answer " + r);
        }
        return job;
    }

    /** Every job the cluster knows ({@code GET /jobs/overview}). */
    public List<Job> jobs() throws IOException {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode j : get("/jobs/overview").path("jobs")) {
            jobs.add(new Job(j.path("jid").asText(), j.path("name").asText(), j.path("state").asText()));
        }
        return jobs;
    }

    /** The job's state ({@code GET /jobs/:jobid}). */
    public String state(String jobId) throws IOException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Waits until the job reaches a terminal state and returns it. */
    public String awaitTermination(String jobId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String state = state(jobId);
            if (List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Job " + jobId + " is still " + state + " after " + timeout.toSeconds() + " s.");
            }
            Thread.sleep(250);
        }
    }

    /** Completed checkpoints so far ({@code GET /jobs/:jobid/checkpoints}, counts.completed). */
    public long completedCheckpoints(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /**
     * Stops the job with a savepoint ({@code POST /jobs/:jobid/stop}, then polls
     * {@code /jobs/:jobid/savepoints/:triggerid}); returns the savepoint's path.
     */
    public String stopWithSavepoint(String jobId, Path targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", targetDirectory.toAbsolutePath().toUri().toString());
        body.put("drain", false);
        String trigger = post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode r = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(r.path("status").path("id").asText())) {
                JsonNode op = r.path("operation");
                if (op.hasNonNull("failure-cause")) {
                    throw new IOException("Stop-with-savepoint of job " + jobId + " failed: "
                            + op.path("failure-cause").path("stack-trace").asText(op.toString()));
                }
                return op.path("location").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Stop-with-savepoint of job " + jobId + " did not complete within "
                        + timeout.toSeconds() + " s.");
            }
            Thread.sleep(200);
        }
    }

    /** Cancels the job ({@code PATCH /jobs/:jobid}). */
    public void cancel(String jobId) throws IOException {
        send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), "PATCH /jobs/" + jobId);
    }

    /**
     * The highest back-pressure level over the job's vertices ({@code GET /jobs/:jobid/vertices/:vid/backpressure}):
     * ok, low or high; "deprecated" while Flink is still sampling.
     */
    public List<String> backpressureLevels(String jobId) throws IOException {
        List<String> levels = new ArrayList<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            JsonNode bp = get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/backpressure");
            levels.add(v.path("name").asText() + "=" + bp.path("backpressureLevel").asText(bp.path("status")
                    .asText()) + " (max ratio " + maxRatio(bp) + ")");
        }
        return levels;
    }

    /** The largest back-pressured ratio over the job's subtasks, 0..1. */
    public double maxBackpressureRatio(String jobId) throws IOException {
        double max = 0;
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            max = Math.max(max, maxRatio(get("/jobs/" + jobId + "/vertices/" + v.path("id").asText()
                    + "/backpressure")));
        }
        return max;
    }

    private static double maxRatio(JsonNode backpressure) {
        double max = 0;
        for (JsonNode s : backpressure.path("subtasks")) {
            max = Math.max(max, s.path("ratio").asDouble());
        }
        return max;
    }

    private JsonNode post(String path, JsonNode body) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "POST " + path);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private JsonNode send(HttpRequest.Builder request, String what) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException(what + ": no Flink REST API at " + baseUrl + " (is the cluster started?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + ": interrupted", e);
        }
        if (r.statusCode() / 100 != 2) {
            String errors = r.body();
            try {
                JsonNode e = JSON.readTree(r.body());
                if (e.has("errors")) {
                    errors = e.path("errors").toString();
                }
            } catch (IOException notJson) {
                // keep the raw body
            }
            throw new IOException(what + " at " + baseUrl + " failed with HTTP " + r.statusCode() + ": " + errors);
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
