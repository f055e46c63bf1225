package org.neurostream.deploy.online;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.neurostream.deploy.dashboard.DashboardOptions;
import org.neurostream.deploy.dashboard.Dashboards;
import org.neurostream.deploy.dashboard.OnlineDashboard;
import org.neurostream.operators.online.Prediction;

/**
 * Runs an {@link OnlineJob} on an embedded Flink, streams each prediction to a callback as it is made, and on an
 * interrupt (Ctrl-C) stops the job with a savepoint in {@code out/savepoints} so that the next session can start
 * from it.
 */
public final class OnlineRunner {
    /** Name (and type) of the LSL marker stream of predictions ({@code --lsl-out}). */
    public static final String PREDICTIONS_STREAM = "neurostream-predictions";

    private OnlineRunner() {}

    /**
     * The outcome of a run.
     *
     * @param predictions every prediction, in the order they were made
     * @param reports per-key summary
     * @param savepoint the savepoint the run stopped with, or null when it ran to its end
     */
    public record Result(List<Prediction> predictions, List<OnlineReport> reports, String savepoint) {}

    /** Runs the job to its end (or until interrupted); {@code onPrediction} sees each prediction as it is made. */
    public static Result run(OnlineJob job, Consumer<Prediction> onPrediction) throws Exception {
        return run(job, onPrediction, null);
    }

    /**
     * As {@link #run(OnlineJob, Consumer)}, but cancels the job after {@code limit} of wall-clock time (benchmarks
     * of live-paced replays); null runs to the end.
     */
    public static Result run(OnlineJob job, Consumer<Prediction> onPrediction, java.time.Duration limit)
            throws Exception {
        return run(job, onPrediction, limit, all -> false, null);
    }

    /**
     * As {@link #run(OnlineJob, Consumer, java.time.Duration)}, and also cancels the job as soon as {@code done}
     * holds for the predictions so far (live sources never end by themselves).
     */
    public static Result run(OnlineJob job, Consumer<Prediction> onPrediction, java.time.Duration limit,
            java.util.function.Predicate<List<Prediction>> done) throws Exception {
        return run(job, onPrediction, limit, done, null);
    }

    /**
     * As {@link #run(OnlineJob, Consumer, java.time.Duration, java.util.function.Predicate)}, serving a live
     * dashboard of the run unless {@code dashboard} is null.
     */
    public static Result run(OnlineJob job, Consumer<Prediction> onPrediction, java.time.Duration limit,
            java.util.function.Predicate<List<Prediction>> done, DashboardOptions dashboard) throws Exception {
        org.apache.flink.configuration.Configuration conf = job.configuration();
        // attach dashboard (org.neurostream.deploy.dashboard)
        String restUrl = dashboard == null ? null : Dashboards.embeddedRestUrl(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        DataStream<Prediction> predictions = dashboard == null ? job.build(env)
                : OnlineDashboard.build(job, env, dashboard, restUrl);
        Files.createDirectories(job.spec().out());
        List<Prediction> all = new ArrayList<>();
        AtomicReference<String> savepoint = new AtomicReference<>();
        try (CloseableIterator<Prediction> it = predictions.collectAsync()) {
            JobClient client = env.executeAsync("neurostream run");
            Thread stopper = new Thread(() -> {
                try {
                    savepoint.set(client.stopWithSavepoint(false,
                            job.spec().out().resolve("savepoints").toAbsolutePath().toUri().toString(),
                            SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS));
                    System.err.println("Stopped with savepoint " + savepoint.get());
                } catch (Exception e) {
                    System.err.println("Could not take a savepoint: " + e.getMessage());
                }
            }, "stop-with-savepoint");
            Runtime.getRuntime().addShutdownHook(stopper);
            java.util.concurrent.ScheduledExecutorService timer = null;
            if (limit != null) {
                timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
                timer.schedule(() -> client.cancel(), limit.toMillis(), TimeUnit.MILLISECONDS);
            }
            try {
                boolean stopped = false;
                while (it.hasNext()) {
                    Prediction p = it.next();
                    all.add(p);
                    onPrediction.accept(p);
                    if (!stopped && done.test(all)) {
                        client.cancel();
                        stopped = true;
                    }
                }
                if (limit == null && !stopped) {
                    client.getJobExecutionResult().get();
                }
            } catch (RuntimeException e) {
                if (limit == null && !done.test(all)) {
                    throw e;
                }
                // Cancelled at the limit: the collect iterator ends with the job.
            } finally {
                if (timer != null) {
                    timer.shutdownNow();
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException shuttingDown) {
                    stopper.join(TimeUnit.SECONDS.toMillis(60));
                }
            }
        }
        return new Result(all, OnlineReport.of(all), savepoint.get());
    }

    /** Writes {@code metrics.json} (per-key summary) and {@code accuracy.png} (running accuracy) into the run's out. */
    public static void writeOutputs(OnlineJob job, Result result) throws IOException {
        var out = job.spec().out();
        Files.createDirectories(out);
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < result.reports().size(); i++) {
            OnlineReport r = result.reports().get(i);
            json.append("  {\"session\":\"").append(r.key()).append("\",\"trials\":").append(r.trials())
                    .append(",\"accuracy\":").append(finite(r.accuracy())).append(",\"kappa\":")
                    .append(finite(r.kappa())).append(",\"latencyP50Millis\":").append(finite(r.latencyP50Millis()))
                    .append(",\"latencyP99Millis\":").append(finite(r.latencyP99Millis()))
                    .append(",\"trialsLearned\":").append(r.trialsLearned()).append('}')
                    .append(i + 1 < result.reports().size() ? ",\n" : "\n");
        }
        Files.writeString(out.resolve("metrics.json"), json.append("]\n").toString());
        if (!result.predictions().isEmpty()) {
            OnlineReport.plotRunningAccuracy(OnlineReport.byKey(result.predictions()),
                    "neurostream run: prequential accuracy (--adapt " + job.spec().adaptation().kind().text() + ")",
                    out.resolve("accuracy.png"));
        }
    }

    private static String finite(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
