package org.neurostream.deploy.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.neurostream.streams.flink.replay.ReplayErrors;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * Accumulates {@link StreamStatistics} per stream and emits them, plus one failed entry per error record
 * ({@link StreamStatistics#failed}), when the input ends. Chained behind the timestamp-ordered merge at parallelism 1, so the elements arrive unserialized; the
 * statistics are operator state, so a restore continues them.
 *
 * <p>Publishes the accumulator {@value #ELEMENTS_ACCUMULATOR} (samples plus markers seen so far) for progress display.
 */
final class ReplayStatisticsOperator extends AbstractStreamOperator<StreamStatistics>
        implements OneInputStreamOperator<StreamData, StreamStatistics>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** Name of the accumulator counting replayed samples and markers. */
    static final String ELEMENTS_ACCUMULATOR = "replayed-samples-and-markers";

    private transient Map<String, StreamStatistics> byStream;
    private transient List<StreamStatistics> errors;
    private transient ListState<StreamStatistics> statisticsState;
    private transient LongCounter replayed;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        byStream = new LinkedHashMap<>();
        errors = new ArrayList<>();
        statisticsState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("stream-statistics", TypeInformation.of(StreamStatistics.class)));
        if (context.isRestored()) {
            for (StreamStatistics s : statisticsState.get()) {
                if (s.error != null) {
                    errors.add(s);
                } else {
                    byStream.put(s.streamKey, s);
                }
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        replayed = new LongCounter();
        getRuntimeContext().addAccumulator(ELEMENTS_ACCUMULATOR, replayed);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<StreamStatistics> all = new ArrayList<>(byStream.values());
        all.addAll(errors);
        statisticsState.update(all);
    }

    @Override
    public void processElement(StreamRecord<StreamData> record) {
        StreamData element = record.getValue();
        if (ReplayErrors.isError(element)) {
            errors.add(StreamStatistics.failed(element.streamKey(), ((Marker) element).value()));
            return;
        }
        StreamStatistics s = byStream.get(element.streamKey());
        if (s == null) {
            s = new StreamStatistics(element.streamKey());
            byStream.put(element.streamKey(), s);
        }
        if (element instanceof SampleChunk chunk) {
            s.add(chunk);
            replayed.add(chunk.sampleCount());
        } else {
            s.add((Marker) element);
            replayed.add(1L);
        }
    }

    @Override
    public void endInput() {
        StreamRecord<StreamStatistics> out = new StreamRecord<>(null);
        for (StreamStatistics s : byStream.values()) {
            output.collect(out.replace(s));
        }
        for (StreamStatistics e : errors) {
            output.collect(out.replace(e));
        }
    }
}
