package org.neurostream.streams.flink.lsl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;
import org.neurostream.streams.lsl.LslContinuousResolver;
import org.neurostream.streams.lsl.LslException;
import org.neurostream.streams.lsl.LslInlet;
import org.neurostream.streams.lsl.LslLibraryNotFoundException;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.lsl.LslStreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the LSL streams matching the source's predicate and hands each to one reader, for ever (the source is
 * unbounded and never signals "no more splits").
 *
 * <ol>
 *   <li>{@link #start()} creates a continuous resolver for the predicate and schedules discovery every
 *       {@code discoveryInterval} on the enumerator's worker thread ({@code context.callAsync}).</li>
 *   <li>Discovery (worker thread) lists the resolver's streams, skips those already known, and for each new one
 *       fetches its full info (channel metadata) through a short-lived inlet; a stream whose full info does not come
 *       in time is tried again next round.</li>
 *   <li>The result handler (coordinator thread) records the new splits and assigns each to reader
 *       {@code floorMod(splitId.hashCode(), parallelism)} once that reader has registered.</li>
 *   <li>Splits of a failed reader come back through {@link #addSplitsBack} and are assigned again.</li>
 * </ol>
 * A stream that disappears stays assigned: its reader waits for it and reports the gap when it returns.
 */
final class LslSourceEnumerator implements SplitEnumerator<LslSplit, LslEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(LslSourceEnumerator.class);

    private final SplitEnumeratorContext<LslSplit> context;
    private final LslSource source;
    /** Split ids discovered so far; written on the coordinator thread, read by discovery on the worker thread. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Set<String> assigned = new java.util.HashSet<>();
    private final Map<String, LslSplit> pending = new LinkedHashMap<>();
    private LslContinuousResolver resolver;

    LslSourceEnumerator(SplitEnumeratorContext<LslSplit> context, LslSource source, LslEnumeratorState state) {
        this.context = context;
        this.source = source;
        assigned.addAll(state.assignedSplitIds());
        known.addAll(state.assignedSplitIds());
        for (LslSplit split : state.pendingSplits()) {
            pending.put(split.splitId(), split);
            known.add(split.splitId());
        }
    }

    @Override
    public void start() {
        resolver = LslContinuousResolver.byPredicate(source.predicate(), source.forgetAfter());
        long periodMs = source.discoveryInterval().toMillis();
        context.callAsync(this::discover, this::onDiscovered, 0, periodMs);
    }

    /** Runs on the worker thread: the new streams, with their full descriptions. */
    private List<LslSplit> discover() {
        List<LslSplit> found = new ArrayList<>();
        List<LslStreamInfo> infos = resolver.results();
        try {
            for (LslStreamInfo info : infos) {
                String key = LslStreamKey.of(info);
                if (known.contains(key)) {
                    continue;
                }
                try (LslInlet inlet = LslInlet.open(info, 1, 0, false);
                     LslStreamInfo full = inlet.fullInfo(source.connectTimeout())) {
                    found.add(new LslSplit(full.toDescription(key), info.hostname()));
                } catch (LslException e) {
                    LOG.warn("LSL stream {} was found but its description did not arrive ({}); trying again in {}.",
                            key, e.getMessage(), source.discoveryInterval());
                }
            }
        } finally {
            infos.forEach(LslStreamInfo::close);
        }
        return found;
    }

    /** Runs on the coordinator thread. */
    private void onDiscovered(List<LslSplit> found, Throwable error) {
        if (error instanceof LslLibraryNotFoundException) {
            throw new FlinkRuntimeException(error);
        }
        if (error != null) {
            LOG.warn("Discovering LSL streams matching \"{}\" failed; trying again in {}.", source.predicate(),
                    source.discoveryInterval(), error);
            return;
        }
        for (LslSplit split : found) {
            if (known.add(split.splitId())) {
                LOG.info("Discovered LSL stream {} ({} channels at {} Hz, {}) on {}.", split.splitId(),
                        split.description().channelCount(), split.description().nominalRateHz(),
                        split.description().valueFormat().xdfName(), split.hostname());
                pending.put(split.splitId(), split);
            }
        }
        assignPending();
    }

    private void assignPending() {
        int parallelism = context.currentParallelism();
        Set<Integer> readers = context.registeredReaders().keySet();
        for (Iterator<LslSplit> it = pending.values().iterator(); it.hasNext(); ) {
            LslSplit split = it.next();
            int owner = Math.floorMod(split.splitId().hashCode(), parallelism);
            if (readers.contains(owner)) {
                context.assignSplit(split, owner);
                assigned.add(split.splitId());
                it.remove();
            }
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // splits are pushed as streams are discovered; readers never need to ask
    }

    @Override
    public void addSplitsBack(List<LslSplit> splits, int subtaskId) {
        for (LslSplit split : splits) {
            assigned.remove(split.splitId());
            pending.put(split.splitId(), split);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending();
    }

    @Override
    public LslEnumeratorState snapshotState(long checkpointId) {
        return new LslEnumeratorState(assigned, new ArrayList<>(pending.values()));
    }

    @Override
    public void close() {
        if (resolver != null) {
            resolver.close();
        }
    }
}
