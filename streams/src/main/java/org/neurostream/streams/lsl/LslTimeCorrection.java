package org.neurostream.streams.lsl;

/**
 * One clock-offset estimate between a stream's outlet and this machine.
 *
 * @param offsetSeconds      add this to a remote timestamp to put it on the local LSL clock
 * @param remoteTimeSeconds  the outlet's clock when the estimate was made, in seconds
 * @param uncertaintySeconds the round-trip time of the best measurement, an upper bound on the error
 */
public record LslTimeCorrection(double offsetSeconds, double remoteTimeSeconds, double uncertaintySeconds) {
}
