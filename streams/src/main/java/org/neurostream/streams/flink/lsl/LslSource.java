package org.neurostream.streams.flink.lsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.neurostream.streams.flink.EventTime;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.lsl.Lsl;
import org.neurostream.streams.lsl.LslInlet;
import org.neurostream.streams.lsl.LslPostProcessing;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.lsl.LslStreamKey;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;

/**
 * An unbounded FLIP-27 source of live LSL streams: every stream matching an XPath predicate becomes one split, read
 * on its own fetcher thread, and arrives as {@link StreamData} (chunks of samples, or markers for string streams)
 * with event time = first sample's timestamp in milliseconds.
 *
 * <pre>{@code
 * LslSource source = LslSource.builder().predicate("type='EEG' and name='BioSemi'").build();
 * DataStream<StreamData> eeg = env.fromSource(source,
 *         LslSource.watermarks(Duration.ofMillis(50), Duration.ofSeconds(1)), "lsl");
 * }</pre>
 *
 * <p><b>Time.</b> With the default {@link LslPostProcessing#CLOCKSYNC}, timestamps are corrected to this machine's LSL
 * clock by liblsl's continuous time-correction estimate; without it they are the sender's. Use
 * {@link #watermarks(Duration, Duration)} so that each stream has its own watermark and an idle one does not stall
 * the others.
 *
 * <p><b>Streams that come and go.</b> Streams appearing later are discovered every {@code discoveryInterval}. A stream
 * that disappears is waited for and re-attached when it returns; the hole is reported as one gap marker (see
 * {@link LslSplitReader}) and counted in the {@code lslGaps} metric. The job never fails because of it.
 *
 * <p><b>Metadata.</b> Each split carries its stream's {@link StreamDescription} (channel labels, units, types) from the
 * stream's full info; {@link #describe(String, Duration)} gives the same descriptions at job-building time, keyed as
 * the records are.
 *
 * <p>Immutable; the builder checks every input.
 */
public final class LslSource
        implements Source<StreamData, LslSplit, LslEnumeratorState>, ResultTypeQueryable<StreamData> {
    private static final long serialVersionUID = 1L;

    /** Appended to a stream key to form the key of its gap markers. */
    public static final String GAP_STREAM_SUFFIX = "/gaps";
    /** The value of a gap marker: MNE-Python's annotation for acquisition skips. */
    public static final String GAP_MARKER = "BAD_ACQ_SKIP";

    private final String predicate;
    private final Duration discoveryInterval;
    private final Duration forgetAfter;
    private final Duration connectTimeout;
    private final Duration pullTimeout;
    private final Duration gapThreshold;
    private final int maxChunkSamples;
    private final int maxBufferedSeconds;
    private final List<LslPostProcessing> postProcessing;

    private LslSource(Builder b) {
        this.predicate = b.predicate;
        this.discoveryInterval = b.discoveryInterval;
        this.forgetAfter = b.forgetAfter;
        this.connectTimeout = b.connectTimeout;
        this.pullTimeout = b.pullTimeout;
        this.gapThreshold = b.gapThreshold;
        this.maxChunkSamples = b.maxChunkSamples;
        this.maxBufferedSeconds = b.maxBufferedSeconds;
        this.postProcessing = List.copyOf(b.postProcessing);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The descriptions of the streams matching {@code predicate} now, keyed like the source's records, with their
     * channel metadata. Waits up to {@code timeout} for streams to answer.
     */
    public static List<StreamDescription> describe(String predicate, Duration timeout) {
        List<StreamDescription> descriptions = new ArrayList<>();
        List<LslStreamInfo> found = Lsl.resolveByPredicate(predicate, Integer.MAX_VALUE, timeout);
        try {
            for (LslStreamInfo info : found) {
                try (LslInlet inlet = LslInlet.open(info, 1, 0, false);
                     LslStreamInfo full = inlet.fullInfo(timeout)) {
                    descriptions.add(full.toDescription(LslStreamKey.of(info)));
                }
            }
        } finally {
            found.forEach(LslStreamInfo::close);
        }
        return descriptions;
    }

    /**
     * Watermarks for LSL streams: event time from each element's first timestamp, bounded out-of-orderness, and
     * per-stream idleness so that a silent stream (for example a marker stream between cues) does not stall time.
     */
    public static WatermarkStrategy<StreamData> watermarks(Duration maxOutOfOrderness, Duration idleness) {
        SerializableTimestampAssigner<StreamData> assigner =
                (element, recordTimestamp) -> EventTime.toMillis(element.firstTimestampSeconds());
        return WatermarkStrategy.<StreamData>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner(assigner)
                .withIdleness(idleness);
    }

    public String predicate() {
        return predicate;
    }

    public Duration discoveryInterval() {
        return discoveryInterval;
    }

    public Duration forgetAfter() {
        return forgetAfter;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration pullTimeout() {
        return pullTimeout;
    }

    public Duration gapThreshold() {
        return gapThreshold;
    }

    public int maxChunkSamples() {
        return maxChunkSamples;
    }

    public int maxBufferedSeconds() {
        return maxBufferedSeconds;
    }

    public Set<LslPostProcessing> postProcessing() {
        return postProcessing.isEmpty() ? EnumSet.noneOf(LslPostProcessing.class) : EnumSet.copyOf(postProcessing);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<StreamData, LslSplit> createReader(SourceReaderContext context) {
        Counter gaps = context.metricGroup().counter("lslGaps", new ThreadSafeSimpleCounter());
        LslFetcherManager fetchers = new LslFetcherManager(() -> new LslSplitReader(this, gaps),
                context.getConfiguration());
        return new LslSourceReader(fetchers, context);
    }

    @Override
    public SplitEnumerator<LslSplit, LslEnumeratorState> createEnumerator(
            SplitEnumeratorContext<LslSplit> context) {
        return new LslSourceEnumerator(context, this, LslEnumeratorState.empty());
    }

    @Override
    public SplitEnumerator<LslSplit, LslEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<LslSplit> context, LslEnumeratorState checkpoint) {
        return new LslSourceEnumerator(context, this, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<LslSplit> getSplitSerializer() {
        return new LslSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<LslEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new LslEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<StreamData> getProducedType() {
        return NeurostreamTypes.STREAM_DATA;
    }

    /** Builds an {@link LslSource}; only the predicate is required. */
    public static final class Builder {
        private String predicate;
        private Duration discoveryInterval = Duration.ofSeconds(1);
        private Duration forgetAfter = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration pullTimeout = Duration.ofMillis(100);
        private Duration gapThreshold = Duration.ofMillis(500);
        private int maxChunkSamples = 1024;
        private int maxBufferedSeconds = LslInlet.DEFAULT_MAX_BUFFERED_SECONDS;
        private Set<LslPostProcessing> postProcessing = EnumSet.of(LslPostProcessing.CLOCKSYNC);

        private Builder() {
        }

        /** The XPath 1.0 predicate streams must match, for example {@code "type='EEG' and name='BioSemi'"}. */
        public Builder predicate(String predicate) {
            this.predicate = predicate;
            return this;
        }

        /** How often new streams are looked for (default 1 s). */
        public Builder discoveryInterval(Duration interval) {
            this.discoveryInterval = interval;
            return this;
        }

        /** How long a connection, full-info request or time-correction query may take (default 2 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long one pull waits for the first sample before the fetcher checks in (default 100 ms). */
        public Builder pullTimeout(Duration timeout) {
            this.pullTimeout = timeout;
            return this;
        }

        /**
         * A regular stream whose consecutive timestamps are further apart than this has a gap (default 500 ms);
         * also how long a silent regular stream may stay silent before a warning is logged.
         */
        public Builder gapThreshold(Duration threshold) {
            this.gapThreshold = threshold;
            return this;
        }

        /** The largest chunk emitted, in samples (default 1024). */
        public Builder maxChunkSamples(int samples) {
            this.maxChunkSamples = samples;
            return this;
        }

        /** How much data liblsl buffers per stream when the job falls behind, in seconds (default 360). */
        public Builder maxBufferedSeconds(int seconds) {
            this.maxBufferedSeconds = seconds;
            return this;
        }

        /** Timestamp post-processing (default {@code CLOCKSYNC}; empty keeps the sender's timestamps). */
        public Builder postProcessing(Set<LslPostProcessing> options) {
            this.postProcessing = options.isEmpty() ? EnumSet.noneOf(LslPostProcessing.class)
                    : EnumSet.copyOf(options);
            return this;
        }

        public LslSource build() {
            sanityCheck();
            return new LslSource(this);
        }

        private void sanityCheck() {
            if (predicate == null || predicate.isBlank()) {
                throw new IllegalArgumentException("An LSL stream predicate is required but was not provided, for "
                        + "example predicate(\"type='EEG'\").");
            }
            positive("discoveryInterval", discoveryInterval);
            positive("connectTimeout", connectTimeout);
            positive("pullTimeout", pullTimeout);
            positive("gapThreshold", gapThreshold);
            if (maxChunkSamples < 1) {
                throw new IllegalArgumentException("Invalid value for 'maxChunkSamples': it must be >= 1, but got "
                        + maxChunkSamples + ".");
            }
            if (maxBufferedSeconds < 1) {
                throw new IllegalArgumentException("Invalid value for 'maxBufferedSeconds': it must be >= 1, but "
                        + "got " + maxBufferedSeconds + ".");
            }
            Objects.requireNonNull(postProcessing, "postProcessing");
        }

        private static void positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Invalid value for '" + name + "': it must be a positive "
                        + "duration, but got " + d + ".");
            }
        }
    }
}
