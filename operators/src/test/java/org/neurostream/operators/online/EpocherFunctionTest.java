package org.neurostream.operators.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.epoch.EpochParameters;
import org.neurostream.streams.flink.EventTime;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

class EpocherFunctionTest {
    private static final double FS = 10;
    private static final String SIGNAL = "S001R10.edf#EEG";
    private static final String CUES = "S001R10.edf#annotations";

    /** Two channels; channel 0 holds the sample index, channel 1 its negative. */
    private static SampleChunk chunk(int first, int count) {
        return chunk(SIGNAL, first, count);
    }

    private static SampleChunk chunk(String signal, int first, int count) {
        double[] v = new double[2 * count];
        for (int s = 0; s < count; s++) {
            v[s] = first + s;
            v[count + s] = -(first + s);
        }
        return SampleChunk.regular(signal, 2, v, first / FS, FS);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamData, TrialEpoch> harness(double lateness)
            throws Exception {
        EpocherFunction fn = new EpocherFunction(List.of("T1", "T2"), EpochParameters.of(0.2, 0.5), FS, lateness,
                SessionKeySelector.bySubject(), Double.POSITIVE_INFINITY);
        KeyedOneInputStreamOperatorTestHarness<String, StreamData, TrialEpoch> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(fn, SessionKeySelector.bySubject(), Types.STRING);
        return h;
    }

    private static void add(KeyedOneInputStreamOperatorTestHarness<String, StreamData, TrialEpoch> h, StreamData e)
            throws Exception {
        h.processElement(e, EventTime.toMillis(e.lastTimestampSeconds()));
    }

    @Test
    void cuesBeforeAmongAndAfterTheirSamplesGiveTheSameWindows() throws Exception {
        try (var h = harness(5.0)) {
            add(h, chunk(0, 10));
            h.processWatermark(900);
            // Late: its window (samples 5..8) ended before the watermark, so it is cut at once from retained samples.
            add(h, Marker.of(CUES, 0.3, "T1"));
            // Early: arrives before any of its samples (14..17) and waits for the watermark.
            add(h, Marker.of(CUES, 1.2, "T2"));
            add(h, Marker.of(CUES, 1.25, "other"));
            assertThat(h.extractOutputValues()).hasSize(1);
            add(h, chunk(10, 10));
            h.processWatermark(1900);
            List<TrialEpoch> out = h.extractOutputValues();
            assertThat(out).extracting(TrialEpoch::label).containsExactly("T1", "T2");
            assertThat(out.get(0).data()).containsExactly(5, 6, 7, 8, -5, -6, -7, -8);
            assertThat(out.get(1).data()).containsExactly(14, 15, 16, 17, -14, -15, -16, -17);
            assertThat(out).allSatisfy(e -> {
                assertThat(e.sessionKey()).isEqualTo("S001");
                assertThat(e.recording()).isEqualTo("S001R10");
                assertThat(e.lastSampleArrivalMicros()).isPositive();
            });
        }
    }

    @Test
    void aWindowOverChunksOfTheSignalAloneAndOfSignalPlusAdaptedCopyTakesTheSignalAloneForBothHalves()
            throws Exception {
        try (var h = harness(5.0)) {
            // Samples 0..9 of 2 channels (retained from a run without gain adaptation), then 10..19 of 4 channels: the
            // 2 band-passed channels followed by their gain-adapted copy (here ×10).
            add(h, chunk(0, 10));
            double[] v = new double[4 * 10];
            for (int s = 0; s < 10; s++) {
                v[s] = 10 + s;
                v[10 + s] = -(10 + s);
                v[20 + s] = 10 * (10 + s);
                v[30 + s] = -10 * (10 + s);
            }
            add(h, SampleChunk.regular(SIGNAL, 4, v, 1.0, FS));
            add(h, Marker.of(CUES, 0.6, "T1"));
            h.processWatermark(1900);
            List<TrialEpoch> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).channelCount()).isEqualTo(4);
            assertThat(out.get(0).data()).containsExactly(8, 9, 10, 11, -8, -9, -10, -11, 8, 9, 100, 110, -8, -9,
                    -100, -110);
        }
    }

    @Test
    void eachKeyOfAPacedReplayIsDueOnItsOwnReadersTimelineNotOnAnEarlierStartedKeys() throws Exception {
        EpocherFunction fn = new EpocherFunction(List.of("T1", "T2"), EpochParameters.of(0.2, 0.5), FS, 5.0,
                SessionKeySelector.bySubject(), 1.0);
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(fn, SessionKeySelector.bySubject(),
                Types.STRING)) {
            // S001's reader started 5.9 s of recording time earlier (at real-time pace) than S002's, as two readers
            // at parallelism 2 can.
            add(h, chunk(SIGNAL, 50, 10));
            long before = EpocherFunction.nowMicros();
            add(h, chunk("S002R10.edf#EEG", 0, 10));
            add(h, Marker.of("S002R10.edf#annotations", 0.3, "T1"));
            h.processWatermark(1900);
            List<TrialEpoch> out = h.extractOutputValues();
            assertThat(out).singleElement().satisfies(e -> {
                assertThat(e.sessionKey()).isEqualTo("S002");
                // Every chunk of S002 arrived after `before` and the window's last chunk is its latest, so on S002's
                // own timeline it was due no earlier than `before`; on S001's it would be ~5 s earlier.
                assertThat(e.lastSampleDueMicros()).isGreaterThanOrEqualTo(before);
            });
        }
    }

    @Test
    void aCueLaterThanTheAllowedLatenessIsCountedNotCut() throws Exception {
        try (var h = harness(0.5)) {
            add(h, chunk(0, 10));
            add(h, chunk(10, 10));
            add(h, chunk(20, 10));
            h.processWatermark(2900);
            add(h, Marker.of(CUES, 0.1, "T1"));
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aWindowWithMissingSamplesIsNotEmitted() throws Exception {
        try (var h = harness(5.0)) {
            add(h, Marker.of(CUES, 0.3, "T1"));
            add(h, chunk(0, 6));
            add(h, chunk(8, 10));
            h.processWatermark(1700);
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aSessionBehindTheJobWatermarkStillGetsItsWindows() throws Exception {
        // Two concurrent sessions (keys S001 and S002) with the same timestamps; S001 runs a chunk ahead, so the
        // job-wide watermark passes S002's window end before S002's samples of that window arrive.
        String otherSignal = "S002R10.edf#EEG";
        String otherCues = "S002R10.edf#annotations";
        try (var h = harness(5.0)) {
            add(h, Marker.of(CUES, 0.3, "T1"));
            add(h, Marker.of(otherCues, 0.3, "T1"));
            add(h, chunk(0, 10));
            h.processWatermark(900);
            add(h, chunk(10, 10));
            h.processWatermark(1900);
            assertThat(h.extractOutputValues()).extracting(TrialEpoch::sessionKey).containsExactly("S001");
            add(h, chunk(otherSignal, 0, 10));
            add(h, chunk(otherSignal, 10, 10));
            List<TrialEpoch> out = h.extractOutputValues();
            assertThat(out).extracting(TrialEpoch::sessionKey).containsExactly("S001", "S002");
            assertThat(out.get(1).recording()).isEqualTo("S002R10");
            assertThat(out.get(1).data()).containsExactly(5, 6, 7, 8, -5, -6, -7, -8);
        }
    }

    @Test
    void aCueWhoseSessionNeverDeliversTheWindowIsDroppedAtTheEndOfTheInput() throws Exception {
        try (var h = harness(5.0)) {
            add(h, Marker.of(CUES, 0.3, "T1"));
            add(h, chunk(0, 6));
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues()).isEmpty();
            // Given up, not pending: samples that come after the end cannot complete it any more.
            add(h, chunk(6, 10));
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }
}
