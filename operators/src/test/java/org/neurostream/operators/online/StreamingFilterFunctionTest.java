package org.neurostream.operators.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.filter.OnlineBandPass;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.streams.flink.EventTime;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/**
 * Where the keyed filter restarts (after a gap longer than {@link OnlineOperators#MAX_GAP_SECONDS}), that the channel
 * gains carry on across such a restart, and that both survive checkpoints.
 */
class StreamingFilterFunctionTest {
    private static final double FS = 160;
    private static final int CHANNELS = 2;
    private static final int CHUNK = 16;
    private static final double TAU = 10;
    private static final double[] REFERENCE = {40.0, 90.0};
    private static final SosCoefficients BAND = OnlineBandPass.design(FS, 8, 30);

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamData, StreamData> harness(
            OperatorSubtaskState restore) throws Exception {
        StreamingFilterFunction fn = new StreamingFilterFunction(BAND, CHANNELS, OnlineOperators.MAX_GAP_SECONDS,
                REFERENCE, TAU);
        var h = new KeyedOneInputStreamOperatorTestHarness<String, StreamData, StreamData>(
                new KeyedProcessOperator<>(fn), e -> "S009", Types.STRING);
        h.setup();
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    /** {@code count} samples of noise with a DC offset, from {@code startSeconds}, gains per channel. */
    private static SampleChunk chunk(Random rng, double startSeconds, int count, double gain) {
        double[] v = new double[CHANNELS * count];
        for (int c = 0; c < CHANNELS; c++) {
            for (int s = 0; s < count; s++) {
                v[c * count + s] = 50 * (c + 1) + gain * Math.sqrt(REFERENCE[c]) * 3 * rng.nextGaussian();
            }
        }
        return SampleChunk.regular("S009R04.edf#EEG", CHANNELS, v, startSeconds, FS);
    }

    private static List<SampleChunk> session(long seed, double startSeconds, int chunks, double gain) {
        Random rng = new Random(seed);
        List<SampleChunk> out = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            out.add(chunk(rng, startSeconds + i * CHUNK / FS, CHUNK, gain));
        }
        return out;
    }

    private static List<double[]> run(KeyedOneInputStreamOperatorTestHarness<String, StreamData, StreamData> h,
            List<SampleChunk> chunks) throws Exception {
        h.getOutput().clear();
        for (SampleChunk c : chunks) {
            h.processElement(c, EventTime.toMillis(c.lastTimestampSeconds()));
        }
        return h.extractOutputValues().stream().map(e -> ((SampleChunk) e).values()).toList();
    }

    /** The output for {@code later} of a new key that first received {@code before}. */
    private static List<double[]> run(List<SampleChunk> before, List<SampleChunk> later) throws Exception {
        try (var h = harness(null)) {
            run(h, before);
            return run(h, later);
        }
    }

    private static double end(List<SampleChunk> session) {
        return session.get(session.size() - 1).lastTimestampSeconds();
    }

    @Test
    void afterAGapLongerThanTheMaxTheFilterStartsAsForANewKeyAndTheGainsCarryOn() throws Exception {
        List<SampleChunk> first = session(1, 0, 40, 1);
        List<SampleChunk> later = session(2, end(first) + OnlineOperators.MAX_GAP_SECONDS + 0.25, 40, 2.5);
        List<double[]> alone = run(List.of(), later);
        List<double[]> afterGap = run(first, later);
        assertThat(afterGap).hasSize(alone.size());
        int half = CHANNELS * CHUNK;
        for (int i = 0; i < alone.size(); i++) {
            assertThat(Arrays.copyOfRange(afterGap.get(i), 0, half)).as("band-passed chunk %d after the gap", i)
                    .containsExactly(Arrays.copyOfRange(alone.get(i), 0, half));
        }
        // The gains are measured against the same reference across recordings: the running power carries on.
        assertThat(Arrays.copyOfRange(afterGap.get(0), half, 2 * half))
                .isNotEqualTo(Arrays.copyOfRange(alone.get(0), half, 2 * half));
    }

    @Test
    void withinTheMaxGapTheFilterAndTheGainTrackerCarryOn() throws Exception {
        List<SampleChunk> first = session(1, 0, 40, 1);
        List<SampleChunk> later = session(2, end(first) + OnlineOperators.MAX_GAP_SECONDS / 2, 40, 2.5);
        List<double[]> alone = run(List.of(), later);
        List<double[]> carriedOn = run(first, later);
        double[] a = carriedOn.get(0);
        double[] b = alone.get(0);
        // Both halves differ: the band-pass carries its state on (first C rows), and so does the tracker.
        assertThat(Arrays.copyOfRange(a, 0, CHANNELS * CHUNK))
                .isNotEqualTo(Arrays.copyOfRange(b, 0, CHANNELS * CHUNK));
        assertThat(Arrays.copyOfRange(a, CHANNELS * CHUNK, a.length))
                .isNotEqualTo(Arrays.copyOfRange(b, CHANNELS * CHUNK, b.length));
    }

    @Test
    void aRestoreFromACheckpointGivesTheSameSamples() throws Exception {
        List<SampleChunk> chunks = session(3, 0, 120, 1.8);
        List<double[]> uninterrupted;
        try (var h = harness(null)) {
            uninterrupted = run(h, chunks);
        }
        OperatorSubtaskState snapshot;
        List<double[]> got = new ArrayList<>();
        try (var h = harness(null)) {
            got.addAll(run(h, chunks.subList(0, 30)));
            snapshot = h.snapshot(1, 0);
        }
        try (var h = harness(snapshot)) {
            got.addAll(run(h, chunks.subList(30, chunks.size())));
        }
        assertThat(got).hasSize(uninterrupted.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).as("chunk %d", i).containsExactly(uninterrupted.get(i));
        }
    }
}
