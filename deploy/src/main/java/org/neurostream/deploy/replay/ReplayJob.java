package org.neurostream.deploy.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.neurostream.deploy.dashboard.DashboardInfo;
import org.neurostream.deploy.dashboard.DashboardOperator;
import org.neurostream.deploy.dashboard.DashboardOptions;
import org.neurostream.deploy.dashboard.Dashboards;
import org.neurostream.streams.flink.replay.ReplayPacing;
import org.neurostream.streams.flink.replay.ReplaySource;
import org.neurostream.streams.flink.replay.ReplayStreams;
import org.neurostream.streams.flink.replay.TimestampOrderedMerge;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.record.StreamData;

/**
 * The replay job: reads recording files with {@link ReplaySource}, merges all streams in timestamp order and
 * summarizes what each stream delivered ({@link ReplaySummary}).
 *
 * <p>Runs on an embedded Flink in this process ({@link StreamExecutionEnvironment#createLocalEnvironment}) with
 * object reuse on and generic types (Kryo) off.
 *
 * @param files        recording files (XDF, EDF/BDF), in order
 * @param pacing       as fast as possible or real time × speed
 * @param chunkSamples the most samples per chunk
 * @param parallelism  source parallelism
 * @param dashboard    where to serve a live dashboard of the replay, or null for none
 */
public record ReplayJob(List<Path> files, ReplayPacing pacing, int chunkSamples, int parallelism,
        DashboardOptions dashboard) {
    private static final long PROGRESS_INTERVAL_MILLIS = 200;

    /** A replay without a dashboard. */
    public ReplayJob(List<Path> files, ReplayPacing pacing, int chunkSamples, int parallelism) {
        this(files, pacing, chunkSamples, parallelism, null);
    }

    public ReplayJob {
        files = List.copyOf(files);
        Objects.requireNonNull(pacing, "pacing");
        if (parallelism < 1) {
            throw new IllegalArgumentException("Invalid value for 'parallelism'. It must be at least 1, but got "
                    + parallelism + " instead.");
        }
    }

    /** Flink configuration of the embedded run. */
    static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }

    /**
     * Adds the replay and its statistics to {@code env} (embedded, or {@code getExecutionEnvironment()} on a
     * cluster); the returned stream carries one entry per stream.
     *
     * @param flinkRestUrl the Flink REST address the dashboard (if any) asks for backpressure, or null
     */
    public DataStream<StreamStatistics> build(StreamExecutionEnvironment env, String flinkRestUrl) {
        ReplaySource source = ReplaySource.builder().files(files).chunkSamples(chunkSamples).pacing(pacing).build();
        DataStream<StreamData> read = ReplayStreams.unordered(env, source);
        if (dashboard != null) {
            // attach dashboard: tapped as read (chained to the source), not after the merge waits for watermarks
            Dashboards.Recorded recorded = Dashboards.recorded(files);
            DashboardOperator.attach(Dashboards.signals(read, Dashboards.DEFAULT_BAND_LOW_HZ,
                            Dashboards.DEFAULT_BAND_HIGH_HZ, null, recorded),
                    DashboardInfo.of("neurostream replay", recorded.streams(), List.of()), dashboard,
                    flinkRestUrl);
        }
        DataStream<StreamData> merged = read
                .transform("timestamp order", NeurostreamTypes.STREAM_DATA, new TimestampOrderedMerge())
                .setParallelism(1);
        return merged
                .transform("replay statistics", TypeInformation.of(StreamStatistics.class),
                        new ReplayStatisticsOperator())
                .setParallelism(1);
    }

    /** Runs the job to its end and summarizes it. */
    public ReplaySummary run() throws Exception {
        return run(replayed -> { });
    }

    /**
     * Runs the job to its end and summarizes it, calling {@code progress} about every 200 ms, from a background
     * thread, with the samples and markers replayed so far (and once more at the end with the total).
     */
    public ReplaySummary run(LongConsumer progress) throws Exception {
        Configuration conf = configuration();
        String restUrl = dashboard == null ? null : Dashboards.embeddedRestUrl(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        long start = System.nanoTime();
        List<StreamStatistics> statistics = new ArrayList<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replay-progress");
            t.setDaemon(true);
            return t;
        });
        try (CloseableIterator<StreamStatistics> results = build(env, restUrl).collectAsync()) {
            JobClient client = env.executeAsync("neurostream replay");
            poller.scheduleWithFixedDelay(() -> reportProgress(client, progress), PROGRESS_INTERVAL_MILLIS,
                    PROGRESS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            // The iterator ends when the job has ended and every result was fetched.
            results.forEachRemaining(statistics::add);
            JobExecutionResult result = client.getJobExecutionResult().get();
            poller.shutdownNow();
            Long replayed = result.getAccumulatorResult(ReplayStatisticsOperator.ELEMENTS_ACCUMULATOR);
            progress.accept(replayed == null ? 0 : replayed);
        } finally {
            poller.shutdownNow();
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        return summarize(statistics, wallSeconds);
    }

    /** Reports the accumulated count; the job may end meanwhile, which only skips this report. */
    private static void reportProgress(JobClient client, LongConsumer progress) {
        try {
            Object replayed = client.getAccumulators().get(PROGRESS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)
                    .get(ReplayStatisticsOperator.ELEMENTS_ACCUMULATOR);
            if (replayed instanceof Long n) {
                progress.accept(n);
            }
        } catch (ExecutionException | TimeoutException | IllegalStateException endedMeanwhile) {
            // The job finished (and its cluster shut down) between the check and the query.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ReplaySummary summarize(List<StreamStatistics> statistics, double wallSeconds) {
        List<ReplaySummary.Stream> streams = new ArrayList<>();
        List<ReplaySummary.Failure> errors = new ArrayList<>();
        long channelSamples = 0;
        for (StreamStatistics s : statistics) {
            if (s.error != null) {
                errors.add(new ReplaySummary.Failure(s.streamKey, s.error));
            } else {
                streams.add(ReplaySummary.Stream.of(s));
                channelSamples += s.samples * s.channelCount;
            }
        }
        streams.sort(Comparator.comparing(ReplaySummary.Stream::streamKey));
        errors.sort(Comparator.comparing(ReplaySummary.Failure::streamKey));
        List<String> names = files.stream().map(Path::toString).toList();
        return new ReplaySummary(names, pacing.toString(), chunkSamples, parallelism, streams, errors, wallSeconds,
                channelSamples, channelSamples / wallSeconds);
    }
}
