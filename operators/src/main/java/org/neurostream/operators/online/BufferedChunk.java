package org.neurostream.operators.online;

import org.neurostream.streams.record.SampleChunk;

/**
 * A filtered chunk held by the epocher until the watermark passes the windows that need it, with the wall-clock time
 * it reached the job (version 2; chunks restored from version-1 state have arrival 0, so latencies of trials that
 * straddle such a restore are not measured).
 *
 * @param chunk the filtered samples: the signal's C channels, or 2C when the filter adapts the channel gains (the
 *     band-passed signal followed by its gain-adapted copy, {@link StreamingFilterFunction})
 * @param arrivalMicros wall-clock arrival, µs since the Unix epoch
 */
public record BufferedChunk(SampleChunk chunk, long arrivalMicros) {}
