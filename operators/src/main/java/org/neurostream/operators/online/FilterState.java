package org.neurostream.operators.online;

/**
 * The streaming filter operator's state per key: the IIR state of {@code StreamingSosFilter}, the timestamp of the
 * last filtered sample (version 2), used to detect a gap or a restart of the stream, after which the filter restarts
 * from the steady state of the new first sample instead of ringing, and the running mean square per channel of the
 * channel gain adaptation ({@code ChannelGainTracker}, version 3), which carries on across such restarts.
 *
 * @param filterState {@code StreamingSosFilter#state()}
 * @param lastTimestampSeconds timestamp of the last filtered sample, s; NaN when unknown (state written by version 1)
 * @param gainMeanSquare {@code ChannelGainTracker#state()}, µV² per channel; empty when the gains do not adapt or the
 *     state was written by version 1 or 2 (the tracker then starts from the calibration's reference)
 */
public record FilterState(double[] filterState, double lastTimestampSeconds, double[] gainMeanSquare) {}
