package org.neurostream.streams.flink.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.format.xdf.XdfReadOptions;
import org.neurostream.streams.format.xdf.XdfReader;

/**
 * Reads XDF files with the given {@link XdfReadOptions} (opened for replay with {@link XdfReader#open}, values decoded
 * on demand) and every other format through {@link Recordings#read} (opened for replay through
 * {@link Recordings#open}).
 * Holds the options as plain fields because the reader travels (serialized) with the source to the task managers.
 */
record XdfOptionsRecordingReader(
        boolean synchronizeClocks,
        boolean handleClockResets,
        boolean dejitterTimestamps,
        double jitterBreakThresholdSeconds,
        double jitterBreakThresholdSamples,
        double clockResetThresholdSeconds,
        double clockResetThresholdStds,
        double clockResetThresholdOffsetSeconds,
        double clockResetThresholdOffsetStds,
        double winsorThresholdSeconds) implements RecordingReader {

    private static final byte[] XDF_MAGIC = "XDF:".getBytes(StandardCharsets.US_ASCII);

    static XdfOptionsRecordingReader of(XdfReadOptions o) {
        return new XdfOptionsRecordingReader(o.synchronizeClocks(), o.handleClockResets(), o.dejitterTimestamps(),
                o.jitterBreakThresholdSeconds(), o.jitterBreakThresholdSamples(), o.clockResetThresholdSeconds(),
                o.clockResetThresholdStds(), o.clockResetThresholdOffsetSeconds(), o.clockResetThresholdOffsetStds(),
                o.winsorThresholdSeconds());
    }

    XdfReadOptions options() {
        return new XdfReadOptions(synchronizeClocks, handleClockResets, dejitterTimestamps,
                jitterBreakThresholdSeconds, jitterBreakThresholdSamples, clockResetThresholdSeconds,
                clockResetThresholdStds, clockResetThresholdOffsetSeconds, clockResetThresholdOffsetStds,
                winsorThresholdSeconds);
    }

    @Override
    public Recording read(Path file) throws IOException {
        return isXdf(file) ? XdfReader.read(file, options()) : Recordings.read(file);
    }

    @Override
    public RecordingHandle open(Path file) throws IOException {
        return isXdf(file) ? XdfReader.open(file, options()) : Recordings.open(file);
    }

    private static boolean isXdf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(XDF_MAGIC.length), XDF_MAGIC);
        }
    }

    /** The options change timestamps only, not which streams a file holds: its outline's count. */
    @Override
    public int streamCount(Path file) throws IOException {
        return Recordings.outline(file).size();
    }
}
