package org.neurostream.streams.flink.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one {@link ReplaySplit} per stream per file and hands every reader all of its splits at once.
 *
 * <p>Split lifecycle:
 * <ol>
 *   <li>{@link #start()} opens the files on a worker thread ({@code context.callAsync}) to count their streams; a file
 *       that cannot be read gets one split for stream 0, whose reader reports the error downstream.</li>
 *   <li>On the coordinator thread, the splits of file {@code i} go to reader {@code i mod parallelism} (so each file
 *       is decoded by one reader only), in one assignment per reader followed by "no more splits". One assignment
 *       matters: a reader merges its splits in timestamp order, which keeps its watermark from overtaking a split
 *       that would otherwise arrive later.</li>
 *   <li>Readers that register before discovery ends are served when it ends; splits of a failed reader come back
 *       through {@link #addSplitsBack} and go to it again when it registers anew.</li>
 * </ol>
 */
final class ReplayEnumerator implements SplitEnumerator<ReplaySplit, ReplayEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayEnumerator.class);

    private final SplitEnumeratorContext<ReplaySplit> context;
    private final List<String> files;
    private final RecordingReader recordingReader;
    private final List<ReplaySplit> unassigned;
    private boolean discovered;

    ReplayEnumerator(SplitEnumeratorContext<ReplaySplit> context, List<String> files,
                     RecordingReader recordingReader, ReplayEnumeratorState state) {
        this.context = context;
        this.files = files;
        this.recordingReader = recordingReader;
        this.unassigned = new ArrayList<>(state.unassigned());
        this.discovered = state.discovered();
    }

    @Override
    public void start() {
        if (!discovered) {
            context.callAsync(this::discoverSplits, this::onDiscovered);
        }
    }

    private List<ReplaySplit> discoverSplits() {
        List<ReplaySplit> splits = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i);
            int streams;
            try {
                streams = recordingReader.streamCount(Path.of(file));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot replay {}: {}", file, e.getMessage());
                streams = 1; // its reader meets the same error and reports it as an error record
            }
            for (int s = 0; s < streams; s++) {
                splits.add(ReplaySplit.start(file, i, s));
            }
        }
        return splits;
    }

    private void onDiscovered(List<ReplaySplit> splits, Throwable error) {
        if (error != null) {
            throw new FlinkRuntimeException("Could not list the streams of the replayed files.", error);
        }
        unassigned.addAll(splits);
        discovered = true;
        LOG.info("Replaying {} streams of {} files.", splits.size(), files.size());
        for (int reader : context.registeredReaders().keySet()) {
            assignTo(reader);
        }
    }

    private void assignTo(int reader) {
        int parallelism = context.currentParallelism();
        List<ReplaySplit> mine = new ArrayList<>();
        unassigned.removeIf(split -> {
            boolean owned = split.fileIndex() % parallelism == reader;
            if (owned) {
                mine.add(split);
            }
            return owned;
        });
        if (!mine.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(reader, mine)));
        }
        context.signalNoMoreSplits(reader);
    }

    @Override
    public void addReader(int subtaskId) {
        if (discovered) {
            assignTo(subtaskId);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed when a reader registers; readers never ask.
    }

    @Override
    public void addSplitsBack(List<ReplaySplit> splits, int subtaskId) {
        unassigned.addAll(splits);
    }

    @Override
    public ReplayEnumeratorState snapshotState(long checkpointId) {
        return new ReplayEnumeratorState(discovered, unassigned);
    }

    @Override
    public void close() {
        // Nothing held open: discovery reads each file and releases it.
    }
}
