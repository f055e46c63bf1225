package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.time.Duration;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.format.xdf.GeneratedXdf;
import org.neurostream.streams.format.xdf.XdfReadOptions;
import org.neurostream.streams.format.xdf.XdfReader;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurostream.streams.record.StreamData;

/** Replays synthetic in-memory recordings through a MiniCluster with generic types (Kryo) disabled. */
class ReplaySourceMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final SyntheticRecordingReader RECORDINGS = new SyntheticRecordingReader(1234);

    @TempDir
    Path dir;

    static StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private List<Path> files(String... names) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String n : names) {
            Path f = dir.resolve(n);
            if (!Files.exists(f)) {
                Files.createFile(f);
            }
            files.add(f);
        }
        return files;
    }

    private List<StreamData> replay(List<Path> files, int chunkSamples, int parallelism, ReplayPacing pacing)
            throws Exception {
        ReplaySource source = ReplaySource.builder().files(files).chunkSamples(chunkSamples).pacing(pacing)
                .recordingReader(RECORDINGS).build();
        return collect(ReplayStreams.inTimestampOrder(environment(parallelism), source));
    }

    private static List<StreamData> collect(DataStream<StreamData> stream) throws Exception {
        List<StreamData> out = new ArrayList<>();
        try (CloseableIterator<StreamData> it = stream.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @ParameterizedTest(name = "S001R04.edf, chunk {0} samples, parallelism {1}")
    @CsvSource({"1, 1", "7, 1", "32, 1", "1000, 1", "1, 2", "7, 2", "32, 2", "1000, 2"})
    void realEdfRecordingReplaysSampleForSample(int chunkSamples, int parallelism) throws Exception {
        Path edf = Path.of(System.getProperty("neurostream.test.data", "../test-data"), "eeg", "S001R04.edf");
        ReplaySource source = ReplaySource.builder().files(List.of(edf)).chunkSamples(chunkSamples).build();
        List<StreamData> out = collect(ReplayStreams.inTimestampOrder(environment(parallelism), source));

        assertThat(out).noneMatch(ReplayErrors::isError);
        assertThat(out).extracting(StreamData::firstTimestampSeconds).isSorted();
        Recording recording = Recordings.read(edf);
        Map<String, ReplayedStreams.Reassembled> replayed = ReplayedStreams.reassemble(out);
        assertThat(replayed).hasSize(recording.streams().size());
        ReplayedStreams.assertSameAs(replayed, recording);
    }

    @ParameterizedTest(name = "all test-data/xdf files, chunk {0} samples, parallelism {1}")
    @CsvSource({"7, 2", "1000, 1"})
    void realXdfRecordingsReplaySampleForSample(int chunkSamples, int parallelism) throws Exception {
        List<Path> files;
        try (var listing = Files.list(Path.of(System.getProperty("neurostream.test.data", "../test-data"), "xdf"))) {
            files = listing.filter(f -> f.toString().endsWith(".xdf")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        ReplaySource source = ReplaySource.builder().files(files).chunkSamples(chunkSamples).build();
        List<StreamData> out = collect(ReplayStreams.inTimestampOrder(environment(parallelism), source));

        assertThat(out).noneMatch(ReplayErrors::isError);
        Map<String, ReplayedStreams.Reassembled> replayed = ReplayedStreams.reassemble(out);
        for (Path f : files) {
            ReplayedStreams.assertSameAs(replayed, Recordings.read(f));
        }
    }

    @Test
    void xdfReadOptionsReachTheReaders() throws Exception {
        Path xdf = Path.of(System.getProperty("neurostream.test.data", "../test-data"), "xdf", "clock_resets.xdf");
        XdfReadOptions raw = XdfReadOptions.defaults().withSynchronizeClocks(false).withDejitterTimestamps(false);
        ReplaySource source = ReplaySource.builder().files(List.of(xdf)).chunkSamples(100).xdfReadOptions(raw)
                .build();
        List<StreamData> out = collect(ReplayStreams.inTimestampOrder(environment(1), source));

        Recording uncorrected = XdfReader.read(xdf, raw);
        ReplayedStreams.assertSameAs(ReplayedStreams.reassemble(out), uncorrected);
        assertThat(uncorrected.streams().get(0).timestampsSeconds())
                .isNotEqualTo(Recordings.read(xdf).streams().get(0).timestampsSeconds());
    }

    /** Fails the job once, after the first completed checkpoint, so that it restarts from that checkpoint. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<StreamData, StreamData>
            implements CheckpointListener {
        private final String flagFile;
        private transient boolean checkpointed;

        FailOnceAfterCheckpoint(Path flagFile) {
            this.flagFile = flagFile.toString();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }

        @Override
        public StreamData map(StreamData element) throws IOException {
            Path flag = Path.of(flagFile);
            if (checkpointed && !Files.exists(flag)) {
                Files.createFile(flag);
                throw new IllegalStateException("Injected failure after a completed checkpoint.");
            }
            return element;
        }
    }

    /**
     * Replays {@code source} (paced, so that checkpoints complete mid-replay) with a failure injected after the first
     * completed checkpoint and a restart from it; returns the elements merged in timestamp order.
     */
    private static List<StreamData> replayFailingOnceAfterACheckpoint(ReplaySource source, Path flag)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(50);
        DataStream<StreamData> merged = ReplayStreams.unordered(env, source)
                .map(new FailOnceAfterCheckpoint(flag)).returns(NeurostreamTypes.STREAM_DATA)
                .transform("timestamp order", NeurostreamTypes.STREAM_DATA, new TimestampOrderedMerge())
                .setParallelism(1);
        List<StreamData> out = collect(merged);
        assertThat(flag).as("the injected failure happened").exists();
        assertThat(out).extracting(StreamData::firstTimestampSeconds).isSorted();
        return out;
    }

    @Test
    void restoreFromACheckpointNeitherLosesNorRepeatsElements(@TempDir Path flagDir) throws Exception {
        List<Path> files = files("a.xdf", "b.xdf");
        // About 12 s of recording at 3x: long enough for checkpoints to complete mid-replay, even on a busy machine.
        ReplaySource source = ReplaySource.builder().files(files).chunkSamples(25)
                .pacing(ReplayPacing.realTime(3.0)).recordingReader(RECORDINGS).build();
        List<StreamData> out = replayFailingOnceAfterACheckpoint(source, flagDir.resolve("failed-once"));

        Map<String, ReplayedStreams.Reassembled> replayed = ReplayedStreams.reassemble(out);
        for (Path f : files) {
            ReplayedStreams.assertSameAs(replayed, RECORDINGS.read(f));
        }
    }

    @Test
    void restoreOfEdfAndBdfFilesDecodedOnDemandNeitherLosesNorRepeatsElements(@TempDir Path flagDir)
            throws Exception {
        Path generated = Path.of(System.getProperty("neurostream.test.data", "../test-data"), "edf-generated");
        List<Path> files = List.of(generated.resolve("edf_plus_d.edf"), generated.resolve("two_rates.edf"),
                generated.resolve("bdf_plus.bdf"), generated.resolve("plain.bdf"));
        // The default reader: EDF/BDF data records decoded as the replay reaches them, and again from the restored
        // positions. 9.25 s of recording (edf_plus_d.edf, with its gaps) at 3x.
        ReplaySource source = ReplaySource.builder().files(files).chunkSamples(25)
                .pacing(ReplayPacing.realTime(3.0)).build();
        List<StreamData> out = replayFailingOnceAfterACheckpoint(source, flagDir.resolve("failed-once"));

        assertThat(out).noneMatch(ReplayErrors::isError);
        Map<String, ReplayedStreams.Reassembled> replayed = ReplayedStreams.reassemble(out);
        for (Path f : files) {
            ReplayedStreams.assertSameAs(replayed, Recordings.read(f));
        }
    }

    @Test
    void restoreOfAnXdfFileDecodedOnDemandNeitherLosesNorRepeatsElements(@TempDir Path flagDir) throws Exception {
        // The default reader: XDF sample values decoded as the replay reaches them (Samples chunks cut into several
        // blocks), and again from the restored positions. 19 s of recording at 10x.
        Path file = GeneratedXdf.write(dir.resolve("generated.xdf"));
        ReplaySource source = ReplaySource.builder().files(List.of(file)).chunkSamples(25)
                .pacing(ReplayPacing.realTime(10.0)).build();
        List<StreamData> out = replayFailingOnceAfterACheckpoint(source, flagDir.resolve("failed-once"));

        assertThat(out).noneMatch(ReplayErrors::isError);
        ReplayedStreams.assertSameAs(ReplayedStreams.reassemble(out), Recordings.read(file));
    }

    @ParameterizedTest(name = "chunk {0} samples, parallelism {1}")
    @CsvSource({"1, 1", "7, 1", "32, 1", "1000, 1", "1, 2", "7, 2", "32, 2", "1000, 2"})
    void replayReproducesEveryStreamWhateverTheChunkSizeAndParallelism(int chunkSamples, int parallelism)
            throws Exception {
        List<Path> files = files("a.xdf", "b.xdf", "c.xdf");
        List<StreamData> out = replay(files, chunkSamples, parallelism, ReplayPacing.asFastAsPossible());

        Map<String, ReplayedStreams.Reassembled> replayed = ReplayedStreams.reassemble(out);
        assertThat(replayed).hasSize(9);
        for (Path f : files) {
            ReplayedStreams.assertSameAs(replayed, RECORDINGS.read(f));
        }
        for (StreamData e : out) {
            if (e instanceof org.neurostream.streams.record.SampleChunk c) {
                assertThat(c.sampleCount()).isBetween(1, chunkSamples);
            }
        }
        assertThat(out).extracting(StreamData::firstTimestampSeconds).isSorted();
    }

    @Test
    void mergedOrderIsTheSameForParallelismOneAndTwo() throws Exception {
        List<Path> files = files("a.xdf", "b.xdf", "c.xdf");
        List<StreamData> one = replay(files, 32, 1, ReplayPacing.asFastAsPossible());
        List<StreamData> two = replay(files, 32, 2, ReplayPacing.asFastAsPossible());
        assertThat(two).containsExactlyElementsOf(one);
    }

    @Test
    void brokenFileIsReportedAndTheHealthyFilesReplay() throws Exception {
        List<Path> files = files("a.xdf", "broken-download.xdf", "b.xdf");
        List<StreamData> out = replay(files, 100, 2, ReplayPacing.asFastAsPossible());

        List<StreamData> errors = out.stream().filter(ReplayErrors::isError).collect(Collectors.toList());
        assertThat(errors).hasSize(1);
        assertThat(((org.neurostream.streams.record.Marker) errors.get(0)).value())
                .contains("broken-download.xdf")
                .contains("at byte 4242")
                .contains("chunk length 99999999 runs past the end of the file");
        Map<String, ReplayedStreams.Reassembled> replayed =
                ReplayedStreams.reassemble(out.stream().filter(e -> !ReplayErrors.isError(e)).toList());
        ReplayedStreams.assertSameAs(replayed, RECORDINGS.read(files.get(0)));
        ReplayedStreams.assertSameAs(replayed, RECORDINGS.read(files.get(2)));
        assertThat(replayed).hasSize(6);
    }

    @Test
    void pacedReplayEmitsTheSameElements() throws Exception {
        // 12.34 s of recording at 40x real time: about 0.3 s.
        List<Path> files = files("a.xdf");
        List<StreamData> paced = replay(files, 50, 1, ReplayPacing.realTime(40.0));
        List<StreamData> fast = replay(files, 50, 1, ReplayPacing.asFastAsPossible());
        assertThat(paced).containsExactlyElementsOf(fast);
    }

    @Test
    void sameFileListedTwiceIsReplayedTwice() throws Exception {
        List<Path> files = files("a.xdf", "a.xdf");
        List<StreamData> out = replay(files, 1000, 2, ReplayPacing.asFastAsPossible());
        List<StreamData> once = replay(files.subList(0, 1), 1000, 1, ReplayPacing.asFastAsPossible());
        assertThat(out).hasSize(2 * once.size());
    }
}
