package org.neurostream.deploy.dashboard;

import java.util.List;
import java.util.Objects;

/**
 * What a job's dashboard taps send to the {@link DashboardOperator}: small, already decimated views of the job's
 * streams. Each variant maps to one server-sent event of the dashboard protocol ({@code docs/dashboard-protocol.md}).
 *
 * <p>Instances are immutable by contract (arrays are not copied). They travel between Flink operators with
 * {@link DashboardEventSerializer}, never Kryo.
 */
public sealed interface DashboardEvent {

    /**
     * A decimated block of one continuous stream.
     *
     * @param stream       stream key
     * @param t0Seconds    timestamp of the first decimated point, s on the recording clock
     * @param rateHz       points per second of stream time after decimation
     * @param channels     channel count
     * @param values       channel-major decimated values, {@code channels × points}
     * @param filtered     true for the job's causal band-pass output, false for the raw signal
     * @param badChannels  indices of channels judged bad in the last second ({@link ChannelQuality})
     */
    record Signal(String stream, double t0Seconds, double rateHz, int channels, double[] values, boolean filtered,
            int[] badChannels) implements DashboardEvent {
        public Signal {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(badChannels, "badChannels");
            if (channels < 1 || values.length % channels != 0) {
                throw new IllegalArgumentException("Signal block of stream '" + stream + "' has " + values.length
                        + " values, not a multiple of its " + channels + " channels.");
            }
        }

        /** Points per channel. */
        public int points() {
            return values.length / channels;
        }
    }

    /** A marker (cue, label, annotation) of stream {@code stream} at {@code timestampSeconds}. */
    record Cue(String stream, double timestampSeconds, String label) implements DashboardEvent {
        public Cue {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * Band power of the last second of a stream, per channel, in dB (10·log10 of µV² or the stream's unit²).
     *
     * @param stream  stream key
     * @param lowHz   band's lower edge, Hz
     * @param highHz  band's upper edge, Hz
     * @param valuesDb one value per channel; NaN where the channel has no power (flat)
     */
    record BandPowerDb(String stream, double lowHz, double highHz, double[] valuesDb) implements DashboardEvent {
        public BandPowerDb {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(valuesDb, "valuesDb");
        }
    }

    /**
     * A classifier decision.
     *
     * @param session          session (state) key
     * @param trial            1-based trial number
     * @param timestampSeconds the cue's timestamp, s on the recording clock
     * @param classNames       class names, in the order of {@code probabilities}
     * @param probabilities    per class; empty when the classifier's score does not give probabilities
     * @param predicted        predicted class
     * @param label            true class, or null when unknown
     * @param accuracy         prequential accuracy so far
     * @param kappa            prequential Cohen's kappa so far
     * @param latencyMs        decision latency, ms
     */
    record Decision(String session, long trial, double timestampSeconds, List<String> classNames,
            double[] probabilities, String predicted, String label, double accuracy, double kappa, double latencyMs)
            implements DashboardEvent {
        public Decision {
            Objects.requireNonNull(session, "session");
            classNames = List.copyOf(classNames);
            Objects.requireNonNull(probabilities, "probabilities");
            Objects.requireNonNull(predicted, "predicted");
            if (probabilities.length != 0 && probabilities.length != classNames.size()) {
                throw new IllegalArgumentException("Decision of trial " + trial + " has " + probabilities.length
                        + " probabilities for " + classNames.size() + " classes.");
            }
        }
    }

    /**
     * A video frame, reduced to 8-bit pixels for display.
     *
     * @param stream           stream key
     * @param frameIndex       index in its stream
     * @param timestampSeconds presentation time, s
     * @param width            pixels
     * @param height           pixels
     * @param channels         1 (grey) or 3 (RGB)
     * @param pixels           interleaved 8-bit pixels, {@code height × width × channels}, row by row
     */
    record FrameImage(String stream, long frameIndex, double timestampSeconds, int width, int height, int channels,
            byte[] pixels) implements DashboardEvent {
        public FrameImage {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(pixels, "pixels");
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("Frame " + frameIndex + " of stream '" + stream + "' has "
                        + channels + " channels; a displayed frame has 1 (grey) or 3 (RGB).");
            }
            if (width < 1 || height < 1 || pixels.length != width * height * channels) {
                throw new IllegalArgumentException("Frame " + frameIndex + " of stream '" + stream + "' has "
                        + pixels.length + " bytes for " + width + "x" + height + "x" + channels + ".");
            }
        }
    }

    /**
     * Per-layer temporal sparsity of a delta network for one frame.
     *
     * @param stream        stream key
     * @param frameIndex    index of the frame
     * @param layerNames    one per layer
     * @param sparsity      fraction of zero deltas per layer, 0..1
     * @param effectiveMacs multiply-accumulates actually done per layer
     * @param denseMacs     multiply-accumulates a dense network does per layer
     */
    record Sparsity(String stream, long frameIndex, List<String> layerNames, double[] sparsity,
            long[] effectiveMacs, long[] denseMacs) implements DashboardEvent {
        public Sparsity {
            Objects.requireNonNull(stream, "stream");
            layerNames = List.copyOf(layerNames);
            if (sparsity.length != layerNames.size() || effectiveMacs.length != layerNames.size()
                    || denseMacs.length != layerNames.size()) {
                throw new IllegalArgumentException("Sparsity of frame " + frameIndex + " of stream '" + stream
                        + "' does not give one value per layer for its " + layerNames.size() + " layers.");
            }
        }
    }

    /**
     * What a tap saw of one stream over the last wall-clock second.
     *
     * @param stream        stream key
     * @param rateHz        samples (or markers, frames) per wall-clock second that arrived
     * @param nominalRateHz declared rate, 0 when irregular
     * @param channels      channel count (0 for marker streams)
     * @param gaps          gaps since the start: chunks that do not continue the previous one (an interval longer
     *                      than 1.5 sample periods, or timestamps going back)
     * @param latencyMs     how much later than on its best schedule the stream's data arrives, ms: its lag (wall time
     *                      since its first element minus stream time since then) minus the smallest lag seen, taken
     *                      at the last arrival; NaN when unknown
     * @param ended         the stream comes from a recording whose last sample or marker has arrived
     */
    record Health(String stream, double rateHz, double nominalRateHz, int channels, long gaps, double latencyMs,
            boolean ended) implements DashboardEvent {
        public Health {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /**
     * The description of a signal stream the job did not know before it started (e.g. an LSL stream resolved on the
     * network), as the tap found it when the stream's first data arrived: the page then shows the stream's channel
     * labels, and a scalp map when they are 10-05 electrode names.
     *
     * @param stream        stream key
     * @param name          stream name
     * @param type          content type (EEG, …)
     * @param nominalRateHz declared rate, 0 when irregular
     * @param labels        one label per channel
     */
    record Described(String stream, String name, String type, double nominalRateHz, List<String> labels)
            implements DashboardEvent {
        public Described {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            labels = List.copyOf(labels);
        }
    }
}
