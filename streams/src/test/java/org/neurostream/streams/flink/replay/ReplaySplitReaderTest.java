package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.Test;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;

class ReplaySplitReaderTest {
    private static final SyntheticRecordingReader RECORDINGS = new SyntheticRecordingReader(500);

    /** Fetches until every split finished; returns the elements in fetch order. */
    static List<StreamData> drain(ReplaySplitReader reader, int splits) throws IOException {
        List<StreamData> out = new ArrayList<>();
        int finished = 0;
        for (int fetches = 0; finished < splits; fetches++) {
            assertThat(fetches).as("fetches before all splits finished").isLessThan(100_000);
            RecordsWithSplitIds<StreamData> records = reader.fetch();
            for (String split = records.nextSplit(); split != null; split = records.nextSplit()) {
                for (StreamData e = records.nextRecordFromSplit(); e != null; e = records.nextRecordFromSplit()) {
                    out.add(e);
                }
            }
            finished += records.finishedSplits().size();
        }
        return out;
    }

    private static ReplaySplitReader reader(int chunkSamples) {
        return new ReplaySplitReader(RECORDINGS, chunkSamples, ReplayPacing.asFastAsPossible(), System::nanoTime);
    }

    @Test
    void readerMergesItsStreamsInTimestampOrderAndCoversEverySample() throws IOException {
        ReplaySplitReader reader = reader(10);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(ReplaySplit.start("a.xdf", 0, 0),
                ReplaySplit.start("a.xdf", 0, 1), ReplaySplit.start("a.xdf", 0, 2))));
        List<StreamData> out = drain(reader, 3);

        assertThat(out).extracting(StreamData::firstTimestampSeconds).isSorted();
        ReplayedStreams.assertSameAs(ReplayedStreams.reassemble(out), RECORDINGS.read(Path.of("a.xdf")));
    }

    @Test
    void restoredSplitResumesAfterTheSamplesAlreadyEmitted() throws IOException {
        Recording recording = RECORDINGS.read(Path.of("a.xdf"));
        RecordedStream eeg = recording.streams().get(0);
        int emitted = 123;
        ReplaySplitReader reader = reader(50);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(new ReplaySplit("a.xdf", 0, 0, emitted))));
        List<StreamData> out = drain(reader, 1);

        Map<String, ReplayedStreams.Reassembled> replayed = ReplayedStreams.reassemble(out);
        ReplayedStreams.Reassembled rest = replayed.get(eeg.description().streamKey());
        assertThat(rest.timestamps()).containsExactly(java.util.Arrays.copyOfRange(eeg.timestampsSeconds(),
                emitted, eeg.sampleCount()));
        assertThat(((SampleChunk) out.get(0)).sampleCount()).isEqualTo(50);
        assertThat(((SampleChunk) out.get(0)).value(2, 0)).isEqualTo(eeg.values()[2 * eeg.sampleCount() + emitted]);
    }

    @Test
    void splitStateCountsSamplesAndMarkersForTheCheckpoint() {
        ReplaySplitState state = new ReplaySplitState(new ReplaySplit("a.xdf", 0, 0, 10));
        state.advance(32);
        state.advance(1);
        assertThat(state.toSplit()).isEqualTo(new ReplaySplit("a.xdf", 0, 0, 43));
    }

    @Test
    void brokenFileBecomesOneErrorRecordAndFinishesItsSplit() throws IOException {
        ReplaySplitReader reader = reader(10);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(ReplaySplit.start("broken.xdf", 0, 0))));
        List<StreamData> out = drain(reader, 1);
        assertThat(out).hasSize(1);
        assertThat(ReplayErrors.isError(out.get(0))).isTrue();
        assertThat(out.get(0).streamKey()).isEqualTo("broken.xdf" + ReplayErrors.STREAM_KEY_SUFFIX);
    }

    @Test
    void streamIndexBeyondTheRecordingIsReportedNotSkipped() throws IOException {
        ReplaySplitReader reader = reader(10);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(ReplaySplit.start("a.xdf", 0, 9))));
        List<StreamData> out = drain(reader, 1);
        assertThat(out).hasSize(1);
        assertThat(((org.neurostream.streams.record.Marker) out.get(0)).value()).contains("has no stream 9");
    }

    /** Synthetic recordings where {@code b.xdf} starts one second after {@code a.xdf} ends, as consecutive sessions. */
    private static final RecordingReader CONSECUTIVE = file -> {
        Recording r = RECORDINGS.read(file);
        if (!file.toString().equals("b.xdf")) {
            return r;
        }
        double aEnd = last(RECORDINGS.read(Path.of("a.xdf")));
        double shift = aEnd + 1 - r.streams().get(0).timestampsSeconds()[0];
        List<RecordedStream> moved = new ArrayList<>();
        for (RecordedStream st : r.streams()) {
            double[] t = st.timestampsSeconds().clone();
            for (int i = 0; i < t.length; i++) {
                t[i] += shift;
            }
            moved.add(new RecordedStream(st.description(), t, st.values(), st.strings(), st.clockOffsets(),
                    st.headerXml(), st.footerXml(), st.durationsSeconds()));
        }
        return new Recording(r.file(), r.format(), moved, r.problems());
    };

    private static double last(Recording r) {
        double[] t = r.streams().get(0).timestampsSeconds();
        return t[t.length - 1];
    }

    @Test
    void consecutiveFilesArePacedOnOneTimelineSoTheSecondStartsAfterTheFirstEnds() throws IOException {
        long[] clock = {0};
        double speed = 2;
        long stepNanos = 5_000_000L;
        ReplaySplitReader reader = new ReplaySplitReader(CONSECUTIVE, 50, ReplayPacing.realTime(speed),
                () -> clock[0]);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(ReplaySplit.start("a.xdf", 0, 0),
                ReplaySplit.start("b.xdf", 1, 0))));
        double origin = CONSECUTIVE.read(Path.of("a.xdf")).streams().get(0).timestampsSeconds()[0];
        int finished = 0;
        int chunks = 0;
        for (int fetches = 0; finished < 2; fetches++) {
            assertThat(fetches).as("fetches before both splits finished").isLessThan(100_000);
            reader.wakeUp(); // the fake clock does not move while the reader waits: never wait for real
            RecordsWithSplitIds<StreamData> records = reader.fetch();
            boolean any = false;
            for (String split = records.nextSplit(); split != null; split = records.nextSplit()) {
                for (StreamData e = records.nextRecordFromSplit(); e != null; e = records.nextRecordFromSplit()) {
                    SampleChunk chunk = (SampleChunk) e;
                    double due = (chunk.timestampSeconds(chunk.sampleCount() - 1) - origin) / speed;
                    // emitted when its last sample is due on the one timeline, not before and not in a late burst
                    assertThat(clock[0] / 1e9).as("emission of the chunk ending at %s s", due * speed + origin)
                            .isBetween(due - 1e-9, due + stepNanos / 1e9 + 1e-9);
                    any = true;
                    chunks++;
                }
            }
            finished += records.finishedSplits().size();
            if (!any) {
                clock[0] += stepNanos;
            }
        }
        assertThat(chunks).isEqualTo(20);
        assertThat(clock[0] / 1e9).isGreaterThan((last(CONSECUTIVE.read(Path.of("b.xdf"))) - origin) / speed - 0.01);
    }

    @Test
    void aPacedFetchHandsOverWhatIsDueWithoutWaitingForLaterElements() throws IOException {
        // 100 Hz in chunks of 5 samples at 10 x real time: a chunk is due every 5 ms of wall time. The fake clock
        // moves 2.5 ms at every reading, as time passes while the reader works and waits.
        double speed = 10;
        long stepNanos = 2_500_000L;
        long[] clock = {0};
        ReplaySplitReader reader = new ReplaySplitReader(RECORDINGS, 5, ReplayPacing.realTime(speed), () -> {
            long now = clock[0];
            clock[0] += stepNanos;
            return now;
        });
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(ReplaySplit.start("a.xdf", 0, 0))));
        double origin = RECORDINGS.read(Path.of("a.xdf")).streams().stream()
                .mapToDouble(st -> st.timestampsSeconds()[0]).min().orElseThrow();
        int chunks = 0;
        for (int fetches = 0; chunks < 100; fetches++) {
            assertThat(fetches).as("fetches before the split finished").isLessThan(100_000);
            RecordsWithSplitIds<StreamData> records = reader.fetch();
            long handedOver = clock[0];
            for (String split = records.nextSplit(); split != null; split = records.nextSplit()) {
                for (StreamData e = records.nextRecordFromSplit(); e != null; e = records.nextRecordFromSplit()) {
                    SampleChunk chunk = (SampleChunk) e;
                    long dueNanos = (long) ((chunk.lastTimestampSeconds() - origin) / speed * 1e9);
                    // Handed over within a few clock readings of its due time, not held back in a growing batch.
                    assertThat(handedOver - dueNanos).as("lateness of the chunk ending at %s s, ns",
                            chunk.lastTimestampSeconds()).isLessThanOrEqualTo(4 * stepNanos);
                    chunks++;
                }
            }
        }
        assertThat(chunks).isEqualTo(100);
    }
}
