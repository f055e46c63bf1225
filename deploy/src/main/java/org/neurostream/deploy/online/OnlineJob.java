package org.neurostream.deploy.online;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neurostream.bci.epoch.EpochParameters;
import org.neurostream.bci.filter.OnlineBandPass;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.bci.pipeline.PipelineJson;
import org.neurostream.deploy.jobs.CommittedLines;
import org.neurostream.operators.online.ChunkEndWatermarks;
import org.neurostream.operators.online.OnlineOperators;
import org.neurostream.operators.online.Prediction;
import org.neurostream.operators.online.SessionKeySelector;
import org.neurostream.streams.flink.lsl.LslSink;
import org.neurostream.streams.flink.lsl.LslSource;
import org.neurostream.streams.flink.replay.FileRecordingReader;
import org.neurostream.streams.flink.replay.RecordingReader;
import org.neurostream.streams.flink.replay.ReplayPacing;
import org.neurostream.streams.flink.replay.ReplaySource;
import org.neurostream.streams.flink.replay.ReplayStreams;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.StreamData;

/**
 * The online BCI job: recordings (replayed) or LSL streams → causal band-pass → epochs on cue markers → the calibrated
 * pipeline's features → a learning classifier in keyed state → predictions, written exactly once to
 * {@code out/predictions/} (a {@link FileSink} whose part files are committed with checkpoints) and printed.
 *
 * <p>The band-pass is a causal 4th-order Butterworth over the calibration's band ({@link OnlineBandPass}; calibration
 * used a zero-phase FIR over whole runs, which a live stream cannot); the epoch window and class names are the
 * calibration's. With an adaptive learner the channel gains adapt after the band-pass, towards the calibration's
 * channel power stored in the model file ({@link #gainReference}).
 */
public final class OnlineJob {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OnlineJob.class);

    /** Butterworth order of the online band-pass (applied causally). */
    public static final int FILTER_ORDER = OnlineBandPass.ORDER;

    private final RunSpec spec;
    private final Pipeline pipeline;
    private final String pipelineJson;
    private final RecordingReader reader;
    private final Set<String> streamKeys = new HashSet<>();

    /** A job that reads recordings with {@link FileRecordingReader} ({@link Recordings#open}). */
    public OnlineJob(RunSpec spec) throws IOException {
        this(spec, new FileRecordingReader());
    }

    /**
     * A job whose recordings come through {@code reader} (the acceptance experiment injects concept shifts there).
     *
     * @throws IOException when the model or a recording cannot be read, or they do not fit each other
     */
    public OnlineJob(RunSpec spec, RecordingReader reader) throws IOException {
        spec.checkSources();
        this.spec = spec;
        this.pipeline = PipelineJson.load(spec.model());
        this.pipelineJson = PipelineJson.toJson(pipeline);
        Map<String, Double> offsets = new HashMap<>();
        double next = 0;
        for (Path file : spec.files()) {
            // opened, not read: an EDF/BDF file is checked here without decoding its samples
            try (RecordingHandle r = reader.open(file)) {
                StreamHandle signal = r.streams().stream()
                        .filter(s -> !s.isMarkerStream() && !s.description().isIrregular())
                        .max((a, b) -> Integer.compare(a.description().channelCount(),
                                b.description().channelCount()))
                        .orElseThrow(() -> new IOException(file + ": no regularly sampled signal stream to classify."));
                List<String> labels = new ArrayList<>();
                for (int c = 0; c < signal.description().channelCount(); c++) {
                    labels.add(signal.description().channelLabel(c));
                }
                try {
                    pipeline.checkCompatible(labels, signal.description().nominalRateHz(), file.toString());
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage() + " (model " + spec.model() + ")", e);
                }
                streamKeys.add(signal.description().streamKey());
                r.streams().stream().filter(StreamHandle::isMarkerStream)
                        .forEach(s -> streamKeys.add(s.description().streamKey()));
                double[] span = SequentialRecordingReader.span(r);
                if (spec.sequential()) {
                    offsets.put(file.toString(), next - span[0]);
                    next += span[1] - span[0] + SequentialRecordingReader.SESSION_GAP_SECONDS;
                }
            }
        }
        this.reader = spec.sequential() ? new SequentialRecordingReader(reader, offsets) : reader;
    }

    /** The calibrated pipeline the job applies. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The run's parameters. */
    public RunSpec spec() {
        return spec;
    }

    /** Reads the recordings as the job replays them (consecutive sessions shifted to follow each other in time). */
    RecordingReader reader() {
        return reader;
    }

    /**
     * Source id of the LSL prediction stream ({@code --lsl-out}): names the run's output directory, so receivers can
     * tell the predictions of concurrent runs apart.
     */
    public String predictionsSourceId() {
        return "neurostream-predictions:" + spec.out().toAbsolutePath().normalize();
    }

    /** Directory of the committed prediction files. */
    public Path predictionsDir() {
        return spec.out().resolve("predictions");
    }

    /**
     * Flink configuration of the run: generic types off, hashmap state, checkpoints every
     * {@link RunSpec#checkpointIntervalMillis()} into {@link RunSpec#effectiveCheckpointDir()} (retained on
     * cancellation, so a killed run can be restarted from its latest checkpoint), the state to start from, and no
     * network buffer timeout: each record is sent on at once. A signal chunk (64 channels × 16 samples, 8 KB) is
     * smaller than a network buffer, so with Flink's default 100 ms flush timer it waited up to 100 ms between the
     * source and the keyed operators (decision latency p50 48 ms, p99 125 ms with one real-time session); the online
     * job's records are few and large, so flushing each costs little.
     */
    public Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(org.apache.flink.configuration.ExecutionOptions.BUFFER_TIMEOUT, Duration.ZERO);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        if (spec.checkpointIntervalMillis() > 0) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(spec.checkpointIntervalMillis()));
            conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    spec.effectiveCheckpointDir().toAbsolutePath().toUri().toString());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (spec.fromSavepoint() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, spec.fromSavepoint());
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        return conf;
    }

    /** The signal and marker elements of all sources, with chunk-end event time. */
    DataStream<StreamData> sources(StreamExecutionEnvironment env) {
        List<DataStream<StreamData>> inputs = new ArrayList<>();
        List<Path> files = spec.files();
        if (!files.isEmpty()) {
            ReplaySource replay = ReplaySource.builder().files(files).chunkSamples(spec.chunkSamples())
                    .pacing(Double.isInfinite(spec.speed()) ? ReplayPacing.asFastAsPossible()
                            : ReplayPacing.realTime(spec.speed()))
                    .recordingReader(reader).build();
            Set<String> keep = Set.copyOf(streamKeys);
            // The source's uid names its files: a savepoint of one session restores the model into the next session's
            // job, while the replay position of the old files is left behind (ignore-unclaimed-state).
            inputs.add(ReplayStreams.unordered(env, replay).uid("replay-" + Integer.toHexString(files.hashCode()))
                    .filter(e -> keep.contains(e.streamKey())).name("signal and cues").uid("select-streams"));
        }
        for (String predicate : spec.lslPredicates()) {
            inputs.add(env.fromSource(LslSource.builder().predicate(predicate).build(),
                    org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(), "lsl " + predicate,
                    NeurostreamTypes.STREAM_DATA).uid("lsl-" + predicate));
        }
        DataStream<StreamData> all = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            all = all.union(inputs.get(i));
        }
        return all.assignTimestampsAndWatermarks(ChunkEndWatermarks.strategy()).name("chunk-end event time")
                .uid("event-time");
    }

    /**
     * The pace the decision latency is measured against: the replay's speed when every source is a replay paced at
     * real time × speed (latency from the time the pacing scheduled the window's last sample, as a live device would
     * have delivered it), else infinity (live LSL streams or an unpaced replay: latency from the sample's arrival).
     */
    double replaySpeed() {
        return spec.lslPredicates().isEmpty() && Double.isFinite(spec.speed()) ? spec.speed()
                : Double.POSITIVE_INFINITY;
    }

    /** Name of the session of live (LSL) streams in predictions, and their key when no session key is given. */
    public static final String LIVE_SESSION = "live";

    /**
     * The job's keys: the subject of each recording (or the given session key), each recording its own session; with
     * LSL sources every stream of the job is one live session of one key (their stream keys are source ids, which
     * name no subject, and the EEG and marker streams must meet in one key).
     */
    static SessionKeySelector sessionKeys(RunSpec spec) {
        if (!spec.lslPredicates().isEmpty()) {
            return SessionKeySelector.live(spec.sessionKey() != null ? spec.sessionKey() : LIVE_SESSION,
                    LIVE_SESSION);
        }
        return spec.sessionKey() == null ? SessionKeySelector.bySubject() : SessionKeySelector.fixed(spec.sessionKey());
    }

    /**
     * Adds the whole job to {@code env} (an embedded one, or {@code getExecutionEnvironment()} on a cluster) and
     * returns the prediction stream, already connected to the file sink and, with {@code lslOut}, the LSL outlet.
     */
    public DataStream<Prediction> build(StreamExecutionEnvironment env) {
        return build(env, input -> input);
    }

    /**
     * As {@link #build(StreamExecutionEnvironment)}, with {@code tap} applied to the source elements before the
     * operators (tests inject failures there).
     */
    public DataStream<Prediction> build(StreamExecutionEnvironment env,
            java.util.function.UnaryOperator<DataStream<StreamData>> tap) {
        SessionKeySelector keys = sessionKeys(spec);
        double fs = pipeline.sampleRateHz();
        SosCoefficients band = OnlineBandPass.design(fs, pipeline.spec().lowHz(), pipeline.spec().highHz());
        DataStream<Prediction> predictions = OnlineOperators.predictions(tap.apply(sources(env)), keys, band,
                pipeline.channels().size(), pipeline.classNames(),
                EpochParameters.of(pipeline.spec().tminSeconds(), pipeline.spec().tmaxSeconds()), fs, pipelineJson,
                spec.model().toString(), pipeline.features().nFeatures(), spec.adaptation(), spec.fromScratch(),
                replaySpeed(), gainReference());
        CommittedLines.attach(predictions.map(Prediction::toJson, Types.STRING).name("to JSON").uid("to-json"),
                predictionsDir(), "predictions");
        if (spec.lslOut()) {
            predictions.map(p -> (StreamData) Marker.of(OnlineRunner.PREDICTIONS_STREAM, p.cueSeconds(), p.predicted()),
                            NeurostreamTypes.STREAM_DATA).name("to LSL markers").uid("to-lsl")
                    .sinkTo(LslSink.builder().markerStream(OnlineRunner.PREDICTIONS_STREAM, predictionsSourceId())
                            .build()).name("LSL predictions").uid("lsl-out").setParallelism(1);
        }
        return predictions;
    }

    /**
     * The reference of the channel gain adaptation: the model file's calibration channel power, or null (no gain
     * adaptation) when the learner does not adapt gains ({@code --adapt none}) or the model holds no channel power
     * (a pipeline file of format version 1, written before gain adaptation, or power measured through another
     * band-pass), each logged. Without a reference the gains are not adapted rather than referred to the stream's own
     * beginning: the calibration is the only data known to match the spatial filters.
     */
    double[] gainReference() {
        if (!spec.adaptation().adaptsGains()) {
            return null;
        }
        if (pipeline.channelPower() == null) {
            LOG.warn("Model {} holds no calibration channel power (a pipeline file written before channel gain "
                    + "adaptation); the channel gains are not adapted. Recalibrate with this build to adapt them.",
                    spec.model());
            return null;
        }
        if (!pipeline.channelPower().matchesOnlineFilter()) {
            LOG.warn("Model {}: its channel power was measured through a band-pass of order {}, the job filters with "
                    + "order {}; the channel gains are not adapted. Recalibrate with this build to adapt them.",
                    spec.model(), pipeline.channelPower().filterOrder(), OnlineBandPass.ORDER);
            return null;
        }
        LOG.info("Channel gain adaptation on: time constant {} s, gains within [1/{}, {}], reference {} s of "
                + "calibration signal in {}.", spec.adaptation().gainTimeConstantSeconds(),
                org.neurostream.bci.online.ChannelGainTracker.MAX_GAIN,
                org.neurostream.bci.online.ChannelGainTracker.MAX_GAIN, pipeline.channelPower().seconds(),
                spec.model());
        return pipeline.channelPower().meanSquare();
    }

    /**
     * Every committed prediction under {@code predictionsDir}, ordered by session key and trial number (part files
     * are committed per checkpoint and their names do not sort in time order).
     */
    public static List<Prediction> committedPredictions(Path predictionsDir) throws IOException {
        List<Prediction> all = new ArrayList<>(PredictionLines.parseAll(committedPredictionLines(predictionsDir),
                predictionsDir.toString()));
        all.sort(java.util.Comparator.comparing(Prediction::sessionKey).thenComparingLong(Prediction::trial));
        return all;
    }

    /** Reads every committed prediction (finished part files; in-progress and pending files are not committed). */
    public static List<String> committedPredictionLines(Path predictionsDir) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(predictionsDir)) {
            return lines;
        }
        try (var walk = Files.walk(predictionsDir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("predictions") && !name.startsWith(".")) {
                    lines.addAll(Files.readAllLines(p));
                }
            }
        }
        return lines;
    }
}
