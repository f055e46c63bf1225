package org.neurostream.streams.flink.lsl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.neurostream.streams.record.StreamData;

/**
 * A Sink v2 that publishes a job's results as LSL outlets other LSL tools can read: {@link
 * org.neurostream.streams.record.Marker}s go to a string marker stream (type {@code Markers}, irregular rate), and
 * {@link org.neurostream.streams.record.SampleChunk}s of class probabilities go to a float32 stream with one channel
 * per class (type {@value #PROBABILITIES_TYPE}, irregular rate, channel labels = class names). Each element keeps its
 * own timestamps (seconds on the LSL clock), so consumers can align predictions with the EEG they came from.
 *
 * <pre>{@code
 * predictions.sinkTo(LslSink.builder()
 *         .markerStream("neurostream-predictions", "ns-pred-1")
 *         .probabilityStream("neurostream-probabilities", "ns-prob-1", List.of("left", "right"))
 *         .build()).setParallelism(1);
 * }</pre>
 *
 * <p>Run it with parallelism 1 so that each stream has one outlet; with more, every subtask publishes its own
 * outlets and appends {@code -<subtask index>} to the source ids. An element the sink has no outlet for (a marker
 * without a marker stream, a chunk without a probability stream, a chunk with the wrong number of channels) fails the
 * job with a message naming its stream key.
 */
public final class LslSink implements Sink<StreamData> {
    private static final long serialVersionUID = 1L;

    /** The LSL content type of the probability stream. */
    public static final String PROBABILITIES_TYPE = "Probabilities";

    private final String markerName;
    private final String markerSourceId;
    private final String probabilityName;
    private final String probabilitySourceId;
    private final List<String> classLabels;
    private final Duration waitForConsumers;

    private LslSink(Builder b) {
        this.markerName = b.markerName;
        this.markerSourceId = b.markerSourceId;
        this.probabilityName = b.probabilityName;
        this.probabilitySourceId = b.probabilitySourceId;
        this.classLabels = b.classLabels == null ? List.of() : List.copyOf(b.classLabels);
        this.waitForConsumers = b.waitForConsumers;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SinkWriter<StreamData> createWriter(WriterInitContext context) {
        int subtasks = context.getTaskInfo().getNumberOfParallelSubtasks();
        String suffix = subtasks > 1 ? "-" + context.getTaskInfo().getIndexOfThisSubtask() : "";
        return new LslSinkWriter(markerName, markerName == null ? null : markerSourceId + suffix, probabilityName,
                probabilityName == null ? null : probabilitySourceId + suffix, classLabels, waitForConsumers);
    }

    /** Builds an {@link LslSink}; at least one of the two streams is required. */
    public static final class Builder {
        private String markerName;
        private String markerSourceId;
        private String probabilityName;
        private String probabilitySourceId;
        private List<String> classLabels;
        private Duration waitForConsumers = Duration.ZERO;

        private Builder() {
        }

        /** Publishes markers (predicted labels, events) as a string stream with this name and source id. */
        public Builder markerStream(String name, String sourceId) {
            this.markerName = Objects.requireNonNull(name, "name");
            this.markerSourceId = Objects.requireNonNull(sourceId, "sourceId");
            return this;
        }

        /** Publishes class probabilities as a float32 stream with one channel per class, labelled by class. */
        public Builder probabilityStream(String name, String sourceId, List<String> classLabels) {
            this.probabilityName = Objects.requireNonNull(name, "name");
            this.probabilitySourceId = Objects.requireNonNull(sourceId, "sourceId");
            this.classLabels = List.copyOf(classLabels);
            return this;
        }

        /**
         * How long the writer waits, when it opens, for a consumer of each outlet before it starts publishing
         * (default zero: publish at once, as live pipelines should). Useful when nothing may be missed.
         */
        public Builder waitForConsumers(Duration wait) {
            this.waitForConsumers = Objects.requireNonNull(wait, "wait");
            return this;
        }

        public LslSink build() {
            if (markerName == null && probabilityName == null) {
                throw new IllegalArgumentException("An LSL sink needs a marker stream, a probability stream or "
                        + "both, but neither was configured.");
            }
            if (markerName != null && markerName.isEmpty() || probabilityName != null && probabilityName.isEmpty()) {
                throw new IllegalArgumentException("LSL stream names must not be empty.");
            }
            if (probabilityName != null && classLabels.isEmpty()) {
                throw new IllegalArgumentException("The probability stream '" + probabilityName
                        + "' needs at least one class label.");
            }
            if (waitForConsumers.isNegative()) {
                throw new IllegalArgumentException("Invalid value for 'waitForConsumers': it must be >= 0, but got "
                        + waitForConsumers + ".");
            }
            return new LslSink(this);
        }
    }
}
