package org.neurostream.streams.flink.lsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import org.neurostream.streams.lsl.Lsl;
import org.neurostream.streams.lsl.LslChunks;
import org.neurostream.streams.lsl.LslException;
import org.neurostream.streams.lsl.LslInlet;
import org.neurostream.streams.lsl.LslLostException;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.lsl.LslTimeCorrection;
import org.neurostream.streams.lsl.LslTimeoutException;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one LSL stream (one {@link LslSplit}) on its own fetcher thread: connects, pulls chunks with low latency
 * and turns them into {@link SampleChunk}s (channel-major, one timestamp per sample, on the local LSL clock when
 * {@code CLOCKSYNC} is on) or one {@link Marker} per sample of a string stream.
 *
 * <p><b>Gaps.</b> A regular stream whose next sample comes more than {@code gapThreshold} after the one before (the
 * outlet died and came back, or the network stalled) yields one gap marker before the chunk: stream key
 * {@code <key>}{@value LslSource#GAP_STREAM_SUFFIX}, value {@value LslSource#GAP_MARKER}, timestamp where the missing
 * samples were due, duration how long they were missing. For irregular streams (markers) silence is normal, so a gap
 * is reported only when the inlet was lost and re-created, measured on the local clock. Each gap increments the
 * {@code lslGaps} counter. Outlets with a source id are recovered by liblsl itself; others are found again by name,
 * type and host. No failure of the stream fails the job.
 */
final class LslSplitReader implements SplitReader<StreamData, LslSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(LslSplitReader.class);

    private final LslSource source;
    private final Counter gaps;
    private LslSplit split;
    private String key;
    private LslInlet inlet;
    private double[] values;
    private String[] strings;
    private double[] timestamps;
    private int channels;
    private double rateHz;
    private double lastTimestamp = Double.NaN;
    private double lostAtLocalClock = Double.NaN;
    private double lastDataLocalClock = Double.NaN;
    private boolean silenceReported;

    LslSplitReader(LslSource source, Counter gaps) {
        this.source = source;
        this.gaps = gaps;
    }

    @Override
    public RecordsWithSplitIds<StreamData> fetch() {
        if (split == null || (inlet == null && !connect())) {
            return empty();
        }
        int n;
        try {
            n = strings != null ? inlet.pullAvailable(strings, timestamps, source.pullTimeout())
                    : inlet.pullAvailable(values, timestamps, source.pullTimeout());
            if (inlet.wasClockReset()) {
                LOG.warn("The clock of LSL stream {} was reset (its outlet restarted or its host rebooted); "
                        + "timestamps may jump.", key);
            }
        } catch (LslLostException e) {
            LOG.warn("LSL stream {} was lost ({}); reconnecting.", key, e.getMessage());
            disconnect();
            lostAtLocalClock = Lsl.localClock();
            return empty();
        }
        if (n == 0) {
            reportSilence();
            return empty();
        }
        lastDataLocalClock = Lsl.localClock();
        silenceReported = false;
        List<StreamData> out = new ArrayList<>(strings != null ? n + 1 : 2);
        addGap(out, timestamps[0]);
        if (strings != null) {
            for (int s = 0; s < n; s++) {
                out.add(Marker.of(key, timestamps[s], strings[s * channels]));
            }
        } else {
            double[] channelMajor = LslChunks.toChannelMajor(values, n, channels);
            out.add(SampleChunk.withTimestamps(key, channels, channelMajor, Arrays.copyOf(timestamps, n), rateHz));
        }
        lastTimestamp = timestamps[n - 1];
        return new RecordsBySplits<>(Map.of(key, out), Set.of());
    }

    private void addGap(List<StreamData> out, double firstTimestamp) {
        double gapStart;
        double duration;
        if (rateHz > 0 && !Double.isNaN(lastTimestamp)) {
            gapStart = lastTimestamp + 1.0 / rateHz;
            duration = firstTimestamp - gapStart;
            if (firstTimestamp - lastTimestamp <= source.gapThreshold().toNanos() / 1e9) {
                return;
            }
        } else if (rateHz == 0 && !Double.isNaN(lostAtLocalClock)) {
            gapStart = lostAtLocalClock;
            duration = Math.max(0, Lsl.localClock() - lostAtLocalClock);
        } else {
            return;
        }
        lostAtLocalClock = Double.NaN;
        gaps.inc();
        LOG.warn("LSL stream {} had a gap of {} s starting at {} s (LSL clock).", key,
                String.format(java.util.Locale.ROOT, "%.3f", duration), gapStart);
        out.add(new Marker(key + LslSource.GAP_STREAM_SUFFIX, gapStart, duration, LslSource.GAP_MARKER));
    }

    private void reportSilence() {
        if (rateHz > 0 && !silenceReported && !Double.isNaN(lastDataLocalClock)
                && Lsl.localClock() - lastDataLocalClock > source.gapThreshold().toNanos() / 1e9) {
            silenceReported = true;
            LOG.warn("LSL stream {} has sent nothing for more than {}; waiting for it to come back.", key,
                    source.gapThreshold());
        }
    }

    /** Finds the stream and opens an inlet; false (after waiting up to the connect timeout) when it is not there. */
    private boolean connect() {
        List<LslStreamInfo> found = Lsl.resolveByPredicate(split.predicate(), 1, source.connectTimeout());
        try {
            if (found.isEmpty()) {
                return false;
            }
            LslInlet opened = LslInlet.open(found.get(0), source.maxBufferedSeconds(), 0, true);
            try {
                opened.setPostProcessing(source.postProcessing());
                opened.openStream(source.connectTimeout());
                LslTimeCorrection correction = opened.timeCorrection(source.connectTimeout());
                LOG.info("Connected to LSL stream {}: clock offset {} s (uncertainty {} s).", key,
                        correction.offsetSeconds(), correction.uncertaintySeconds());
            } catch (LslTimeoutException e) {
                opened.close();
                LOG.info("LSL stream {} did not answer in time ({}); trying again.", key, e.getMessage());
                return false;
            }
            inlet = opened;
            return true;
        } catch (LslException e) {
            LOG.warn("Connecting to LSL stream {} failed ({}); trying again.", key, e.getMessage());
            return false;
        } finally {
            found.forEach(LslStreamInfo::close);
        }
    }

    private void disconnect() {
        if (inlet != null) {
            inlet.close();
            inlet = null;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<LslSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("LSL splits are never removed, but got " + change + ".");
        }
        List<LslSplit> added = change.splits();
        if (split != null || added.size() != 1) {
            throw new IllegalStateException("An LSL split reader follows exactly one stream; it has "
                    + (split == null ? "none" : split.splitId()) + " and was given " + added + ".");
        }
        split = added.get(0);
        StreamDescription d = split.description();
        key = split.splitId();
        channels = d.channelCount();
        rateHz = d.nominalRateHz();
        int capacity = source.maxChunkSamples();
        timestamps = new double[capacity];
        if (d.valueFormat().isNumeric()) {
            values = new double[capacity * channels];
        } else {
            strings = new String[capacity * channels];
        }
    }

    @Override
    public void wakeUp() {
        // fetch() returns within the pull timeout by itself
    }

    @Override
    public void close() {
        disconnect();
    }

    @Override
    public void pauseOrResumeSplits(Collection<LslSplit> toPause, Collection<LslSplit> toResume) {
        // live streams are not paused for watermark alignment: the inlet buffers up to maxBufferedSeconds anyway
    }

    private static RecordsWithSplitIds<StreamData> empty() {
        return new RecordsBySplits<>(Map.of(), Set.of());
    }
}
