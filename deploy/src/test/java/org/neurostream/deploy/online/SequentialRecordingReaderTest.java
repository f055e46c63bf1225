package org.neurostream.deploy.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.bci.filter.OnlineBandPass;
import org.neurostream.bci.online.Adaptation;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.operators.online.OnlineOperators;
import org.neurostream.operators.online.StreamingFilterFunction;
import org.neurostream.streams.flink.EventTime;
import org.neurostream.streams.flink.replay.FileRecordingReader;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

/** Consecutive sessions of a sequential run, as the job's keyed filter sees them. */
class SequentialRecordingReaderTest {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    private static final Path EEG = DATA.resolve("eeg/eegmmidb_S001");
    private static final Path MODEL = DATA.resolve("models").resolve("S001R06-hands-feet-csp-lda.json");
    private static final int CHUNK = RunSpec.DEFAULT_CHUNK_SAMPLES;

    @TempDir
    Path dir;

    private static RecordedStream signal(Recording r) {
        return r.streams().stream().filter(s -> !s.isMarkerStream()).findFirst().orElseThrow();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, StreamData, StreamData> filter(OnlineJob job)
            throws Exception {
        Pipeline p = job.pipeline();
        var fn = new StreamingFilterFunction(
                OnlineBandPass.design(p.sampleRateHz(), p.spec().lowHz(), p.spec().highHz()), p.channels().size(),
                OnlineOperators.MAX_GAP_SECONDS, job.gainReference(),
                job.spec().adaptation().gainTimeConstantSeconds());
        var h = new KeyedOneInputStreamOperatorTestHarness<String, StreamData, StreamData>(
                new KeyedProcessOperator<>(fn), OnlineJob.sessionKeys(job.spec()), Types.STRING);
        h.open();
        return h;
    }

    private static double[] process(KeyedOneInputStreamOperatorTestHarness<String, StreamData, StreamData> h,
            StreamData chunk) throws Exception {
        h.getOutput().clear();
        h.processElement(chunk, EventTime.toMillis(chunk.lastTimestampSeconds()));
        return ((SampleChunk) h.extractOutputValues().get(0)).values();
    }

    @Test
    void theNextSessionOfASequentialRunRestartsTheFilterAsANewKeyWould() throws Exception {
        Path r10 = EEG.resolve("S001R10.edf");
        Path r14 = EEG.resolve("S001R14.edf");
        OnlineJob job = new OnlineJob(new RunSpec(List.of("file:" + r10, "file:" + r14), MODEL,
                Adaptation.defaults(Adaptation.Kind.LDA), false, true, null, dir.resolve("out"),
                Double.POSITIVE_INFINITY, CHUNK, null, 0, null, false, false));
        assertThat(job.gainReference()).isNotNull();
        RecordedStream first = signal(job.reader().read(r10));
        RecordedStream second = signal(job.reader().read(r14));
        int n = first.sampleCount();
        double gapSeconds = second.timestampsSeconds()[0] - first.timestampsSeconds()[n - 1];
        // Clearly longer than the filter bridges, not equal to it up to rounding.
        assertThat(gapSeconds).isGreaterThan(1.5 * OnlineOperators.MAX_GAP_SECONDS);

        StreamData lastOfFirst = first.slice(n - CHUNK, n).get(0);
        StreamData firstOfSecond = second.slice(0, CHUNK).get(0);
        double[] alone;
        try (var h = filter(job)) {
            alone = process(h, firstOfSecond);
        }
        try (var h = filter(job)) {
            process(h, lastOfFirst);
            // The band-passed signal (the first half of the chunk) starts afresh, as for the subject's first recording.
            int half = alone.length / 2;
            assertThat(Arrays.copyOfRange(process(h, firstOfSecond), 0, half))
                    .containsExactly(Arrays.copyOfRange(alone, 0, half));
        }
    }

    @Test
    void openedSessionsSliceIntoTheElementsOfTheShiftedFullReadWithoutDecodingTheFileWhole() throws Exception {
        Path r10 = EEG.resolve("S001R10.edf");
        Path r14 = EEG.resolve("S001R14.edf");
        SequentialRecordingReader reader = new SequentialRecordingReader(new FileRecordingReader(),
                Map.of(r14.toString(), 127.25));

        for (Path file : List.of(r10, r14)) {
            Recording read = reader.read(file);
            try (RecordingHandle opened = reader.open(file)) {
                assertThat(opened.streams()).hasSameSizeAs(read.streams());
                assertThat(SequentialRecordingReader.span(opened)).containsExactly(SequentialRecordingReader.span(read));
                for (int s = 0; s < read.streams().size(); s++) {
                    StreamHandle lazy = opened.streams().get(s);
                    RecordedStream whole = read.streams().get(s);
                    if (!whole.isMarkerStream()) {
                        assertThat(lazy).as("EDF signals are decoded on demand").isNotInstanceOf(RecordedStream.class);
                    }
                    int step = whole.isMarkerStream() ? 1 : CHUNK;
                    for (int from = 0; from < whole.sampleCount(); from += step) {
                        int to = Math.min(from + step, whole.sampleCount());
                        assertThat(lazy.slice(from, to)).containsExactlyElementsOf(whole.slice(from, to));
                    }
                }
            }
        }
    }
}
