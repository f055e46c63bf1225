package org.neurostream.streams.format;

/**
 * One clock-offset measurement of an XDF stream: at {@code collectionTimeSeconds} on the recorder's clock, the
 * stream's clock was {@code offsetSeconds} behind it (recorder time = stream time + offset), as LabRecorder writes
 * them in ClockOffset chunks.
 */
public record ClockOffset(double collectionTimeSeconds, double offsetSeconds) {
}
