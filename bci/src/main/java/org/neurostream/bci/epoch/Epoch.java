package org.neurostream.bci.epoch;

/**
 * One kept epoch.
 *
 * @param markerIndex       position of its marker in the input marker list
 * @param label             the marker's label
 * @param markerTimeSeconds the marker time on the recording clock
 * @param markerSample      the marker's sample index in the continuous data ({@code round(t · fs)} from the first sample)
 * @param data              channel-major {@code channelCount × sampleCount} values (baseline-corrected if requested)
 */
public record Epoch(int markerIndex, String label, double markerTimeSeconds, int markerSample, double[] data) {
}
