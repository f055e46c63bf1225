package org.neurostream.streams.flink.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.neurostream.streams.flink.typeinfo.NeurostreamTypes;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.format.xdf.XdfReadOptions;
import org.neurostream.streams.record.StreamData;

/**
 * A bounded FLIP-27 source that replays the streams of recording files (XDF, EDF/BDF) as {@link StreamData}: chunks
 * of at most {@code chunkSamples} samples and markers, with event-time timestamps (first sample, in milliseconds).
 *
 * <pre>{@code
 * ReplaySource source = ReplaySource.builder()
 *         .files(List.of(Path.of("S001R04.edf")))
 *         .chunkSamples(1000)
 *         .pacing(ReplayPacing.realTime(2.0))
 *         .build();
 * DataStream<StreamData> merged = ReplayStreams.inTimestampOrder(env, source);
 * }</pre>
 *
 * <p>Splitting: one split per stream per file ({@link ReplaySplit}); the splits of file {@code i} go to reader
 * {@code i mod parallelism} (see {@link ReplayEnumerator}). Ordering: each stream's elements come in recording order;
 * a reader merges its streams in timestamp order; {@link ReplayStreams#inTimestampOrder} merges all readers by event
 * time. Checkpointing: a split's state is the number of samples already emitted, so a restore resumes after them.
 * Broken files: see {@link ReplayErrors}.
 *
 * <p>Immutable; the builder checks every input.
 */
public final class ReplaySource
        implements Source<StreamData, ReplaySplit, ReplayEnumeratorState>, ResultTypeQueryable<StreamData> {
    private static final long serialVersionUID = 1L;

    private final List<String> files;
    private final int chunkSamples;
    private final ReplayPacing pacing;
    private final RecordingReader recordingReader;

    ReplaySource(List<String> files, int chunkSamples, ReplayPacing pacing, RecordingReader recordingReader) {
        this.files = List.copyOf(files);
        this.chunkSamples = chunkSamples;
        this.pacing = pacing;
        this.recordingReader = recordingReader;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> files() {
        return files;
    }

    public int chunkSamples() {
        return chunkSamples;
    }

    public ReplayPacing pacing() {
        return pacing;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<StreamData, ReplaySplit> createReader(SourceReaderContext readerContext) {
        return new ReplaySourceReader(
                () -> new ReplaySplitReader(recordingReader, chunkSamples, pacing, System::nanoTime), readerContext);
    }

    @Override
    public SplitEnumerator<ReplaySplit, ReplayEnumeratorState> createEnumerator(
            SplitEnumeratorContext<ReplaySplit> enumContext) {
        return new ReplayEnumerator(enumContext, files, recordingReader, new ReplayEnumeratorState(false, List.of()));
    }

    @Override
    public SplitEnumerator<ReplaySplit, ReplayEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<ReplaySplit> enumContext, ReplayEnumeratorState checkpoint) {
        return new ReplayEnumerator(enumContext, files, recordingReader, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<ReplaySplit> getSplitSerializer() {
        return new ReplaySplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<ReplayEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new ReplayEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<StreamData> getProducedType() {
        return NeurostreamTypes.STREAM_DATA;
    }

    /** Builds a {@link ReplaySource}; {@link #build()} checks that every input is valid. */
    public static final class Builder {
        /** Default chunk size: large enough that per-record overhead is negligible, small enough for low latency. */
        public static final int DEFAULT_CHUNK_SAMPLES = 1000;

        private final List<String> files = new ArrayList<>();
        private int chunkSamples = DEFAULT_CHUNK_SAMPLES;
        private ReplayPacing pacing = ReplayPacing.asFastAsPossible();
        private RecordingReader recordingReader = new FileRecordingReader();

        private Builder() {
        }

        /** Adds recording files to replay, in order; a file may appear more than once. */
        public Builder files(List<Path> paths) {
            for (Path p : paths) {
                files.add(Objects.requireNonNull(p, "file").toString());
            }
            return this;
        }

        /** The most samples per emitted chunk; default {@value #DEFAULT_CHUNK_SAMPLES}. */
        public Builder chunkSamples(int samples) {
            this.chunkSamples = samples;
            return this;
        }

        /** As fast as possible (default) or paced at real time × speed. */
        public Builder pacing(ReplayPacing replayPacing) {
            this.pacing = Objects.requireNonNull(replayPacing, "pacing");
            return this;
        }

        /**
         * Reads XDF files with {@code options} (clock synchronization, clock-reset handling, dejittering) instead of
         * pyxdf's defaults; other formats are unaffected. Replaces a reader set with {@link #recordingReader}.
         */
        public Builder xdfReadOptions(XdfReadOptions options) {
            this.recordingReader = XdfOptionsRecordingReader.of(Objects.requireNonNull(options, "xdfReadOptions"));
            return this;
        }

        /**
         * How files are read; default {@link FileRecordingReader} ({@link Recordings#read}, which recognises the format
         * by its magic bytes, and stream counts from outlines). Pass a
         * reader that builds recordings some other way here.
         */
        public Builder recordingReader(RecordingReader reader) {
            this.recordingReader = Objects.requireNonNull(reader, "recordingReader");
            return this;
        }

        public ReplaySource build() {
            sanityCheck();
            return new ReplaySource(files, chunkSamples, pacing, recordingReader);
        }

        private void sanityCheck() {
            if (files.isEmpty()) {
                throw new IllegalArgumentException("At least one recording file is required but none was given.");
            }
            if (chunkSamples < 1) {
                throw new IllegalArgumentException("Invalid value for 'chunkSamples'. It must be at least 1, but got "
                        + chunkSamples + " instead.");
            }
            for (String f : files) {
                if (!Files.isRegularFile(Path.of(f))) {
                    throw new IllegalArgumentException("Recording file '" + f + "' does not exist or is not a file.");
                }
            }
        }
    }
}
