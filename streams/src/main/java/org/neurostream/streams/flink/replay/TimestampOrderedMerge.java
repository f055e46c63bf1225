package org.neurostream.streams.flink.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.neurostream.streams.flink.EventTime;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.record.StreamData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges streams by event time: buffers elements until the watermark passes them, then emits them ordered by first
 * timestamp (seconds), ties broken by stream key and then by arrival. The output is the same whatever the source
 * parallelism or chunk size, up to chunk boundaries.
 *
 * <p>Each stream keeps its own order even when its timestamps go backwards (an XDF clock reset read without clock
 * synchronization): an element is sorted by the largest timestamp its stream has reached so far, so it never
 * overtakes an earlier element of the same stream.
 *
 * <p>Run with parallelism 1 for one total order. Error records ({@link ReplayErrors}) pass straight through. An
 * element behind the watermark (possible only after a failover reassigns splits) is emitted at once and logged, never
 * dropped. The buffer is operator state, serialized with the record types' own serializers.
 */
public final class TimestampOrderedMerge extends AbstractStreamOperator<StreamData>
        implements OneInputStreamOperator<StreamData, StreamData>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TimestampOrderedMerge.class);

    private transient PriorityQueue<Pending> buffer;
    private transient ListState<StreamData> bufferState;
    /** Per stream, the largest first timestamp (s) seen so far: the sort key floor of its next element. */
    private transient Map<String, Double> reached;
    private transient ListState<Tuple2<String, Double>> reachedState;
    private transient long arrivals;
    private transient long currentWatermark;
    private transient long lateElements;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        buffer = new PriorityQueue<>();
        reached = new HashMap<>();
        currentWatermark = Long.MIN_VALUE;
        bufferState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("timestamp-ordered-buffer", NeurostreamTypes.STREAM_DATA));
        reachedState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("timestamp-reached", Types.TUPLE(Types.STRING, Types.DOUBLE)));
        if (context.isRestored()) {
            for (Tuple2<String, Double> r : reachedState.get()) {
                reached.put(r.f0, r.f1);
            }
            // The buffer was saved in emission order, so re-adding it reproduces the same keys and floors.
            for (StreamData element : bufferState.get()) {
                buffer.add(pending(element, reached));
            }
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<Pending> ordered = new ArrayList<>(buffer);
        ordered.sort(null);
        List<StreamData> elements = new ArrayList<>(ordered.size());
        for (Pending p : ordered) {
            elements.add(p.element);
        }
        bufferState.update(elements);
        // Keys of buffered elements are recomputed on restore from the floors before them.
        Map<String, Double> floors = new HashMap<>(reached);
        for (Pending p : ordered) {
            floors.merge(p.element.streamKey(), p.sortSeconds, Math::min);
        }
        List<Tuple2<String, Double>> saved = new ArrayList<>(floors.size());
        floors.forEach((k, v) -> saved.add(Tuple2.of(k, v)));
        reachedState.update(saved);
    }

    @Override
    public void processElement(StreamRecord<StreamData> record) {
        StreamData element = record.getValue();
        if (ReplayErrors.isError(element)) {
            output.collect(record);
            return;
        }
        Pending p = pending(element, reached);
        if (p.eventTime <= currentWatermark) {
            if (lateElements++ == 0) {
                LOG.warn("Element of stream '{}' at {} s arrived behind the watermark ({} ms); emitted unordered.",
                        element.streamKey(), element.firstTimestampSeconds(), currentWatermark);
            }
            output.collect(record);
            return;
        }
        buffer.add(p);
    }

    /** A buffered element sorted at max(its first timestamp, the largest its stream reached before). */
    private Pending pending(StreamData element, Map<String, Double> floors) {
        double sortSeconds = element.firstTimestampSeconds();
        Double floor = floors.get(element.streamKey());
        if (floor != null && floor > sortSeconds) {
            sortSeconds = floor;
        }
        floors.put(element.streamKey(), sortSeconds);
        return new Pending(element, sortSeconds, arrivals++);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        currentWatermark = Math.max(currentWatermark, mark.getTimestamp());
        flushUpTo(currentWatermark);
        super.processWatermark(mark);
    }

    @Override
    public void endInput() {
        flushUpTo(Long.MAX_VALUE);
    }

    private void flushUpTo(long watermarkMillis) {
        StreamRecord<StreamData> reuse = new StreamRecord<>(null);
        while (!buffer.isEmpty() && buffer.peek().eventTime <= watermarkMillis) {
            Pending p = buffer.poll();
            output.collect(reuse.replace(p.element, p.eventTime));
        }
    }

    /** A buffered element with its sort key and arrival number (the last tie-breaker). */
    private static final class Pending implements Comparable<Pending> {
        final StreamData element;
        final double sortSeconds;
        final long eventTime;
        final long arrival;

        Pending(StreamData element, double sortSeconds, long arrival) {
            this.element = element;
            this.sortSeconds = sortSeconds;
            this.eventTime = EventTime.toMillis(sortSeconds);
            this.arrival = arrival;
        }

        @Override
        public int compareTo(Pending o) {
            int c = Double.compare(sortSeconds, o.sortSeconds);
            if (c == 0) {
                c = element.streamKey().compareTo(o.element.streamKey());
            }
            return c != 0 ? c : Long.compare(arrival, o.arrival);
        }
    }
}
