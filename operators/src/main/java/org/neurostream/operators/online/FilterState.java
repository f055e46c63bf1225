package org.neurostream.operators.online;

/**
 * The streaming filter operator's state per key: the IIR state of {@code StreamingSosFilter} and the timestamp of the
 * last filtered sample (version 2), used to detect a gap or a restart of the stream, after which the filter restarts
 * from the steady state of the new first sample instead of ringing.
 *
 * @param filterState {@code StreamingSosFilter#state()}
 * @param lastTimestampSeconds timestamp of the last filtered sample, s; NaN when unknown (state written by version 1)
 */
public record FilterState(double[] filterState, double lastTimestampSeconds) {}
