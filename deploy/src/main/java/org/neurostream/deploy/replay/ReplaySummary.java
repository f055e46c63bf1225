package org.neurostream.deploy.replay;

import java.util.List;

/**
 * The result of a replay job: what every stream delivered and how fast the job ran.
 *
 * @param files                        the replayed files, in order
 * @param pacing                       "as fast as possible" or "real time x speed"
 * @param chunkSamples                 the most samples per chunk
 * @param parallelism                  the source parallelism
 * @param streams                      per-stream statistics, ordered by stream key
 * @param errors                       the files that could not be replayed, with the error naming file, byte offset
 *                                     and problem
 * @param wallSeconds                  wall-clock time of the job, from submission to its end
 * @param channelSamples               samples × channels over all numeric streams
 * @param channelSamplesPerSecond      {@code channelSamples / wallSeconds}
 */
public record ReplaySummary(
        List<String> files,
        String pacing,
        int chunkSamples,
        int parallelism,
        List<Stream> streams,
        List<Failure> errors,
        double wallSeconds,
        long channelSamples,
        double channelSamplesPerSecond) {

    public ReplaySummary {
        files = List.copyOf(files);
        streams = List.copyOf(streams);
        errors = List.copyOf(errors);
    }

    /** True when every file was replayed. */
    public boolean succeeded() {
        return errors.isEmpty();
    }

    /**
     * What one stream delivered.
     *
     * @param streamKey              {@code <file name>#<stream id>}
     * @param channels               channel count (1 for marker streams)
     * @param samples                samples replayed (0 for marker streams)
     * @param markers                markers replayed (0 for numeric streams)
     * @param nominalRateHz          declared rate; 0 for irregular and marker streams
     * @param observedRateHz         {@code (samples - 1) / (last - first)}, NaN when undefined
     * @param firstTimestampSeconds  first timestamp on the recording clock
     * @param lastTimestampSeconds   last timestamp on the recording clock
     * @param gaps                   intervals longer than 1.5 nominal sample periods (regular streams only)
     * @param longestGapSeconds      the longest such interval, 0 when there is none
     */
    public record Stream(String streamKey, int channels, long samples, long markers, double nominalRateHz,
                         double observedRateHz, double firstTimestampSeconds, double lastTimestampSeconds, long gaps,
                         double longestGapSeconds) {

        static Stream of(StreamStatistics s) {
            return new Stream(s.streamKey, s.markers > 0 ? 1 : s.channelCount, s.samples, s.markers,
                    s.nominalRateHz, s.observedRateHz(), s.firstTimestampSeconds, s.lastTimestampSeconds, s.gaps,
                    s.longestGapSeconds);
        }
    }

    /**
     * A file that could not be replayed.
     *
     * @param streamKey the error stream's key, {@code <file name>#replay-error}
     * @param error     the message: file, byte offset and problem
     */
    public record Failure(String streamKey, String error) {
    }
}
